using System.Globalization;
using System.Text.Json;

namespace PromptGuard.Cli.Evaluation;

/// <summary>What changed between a saved evaluation (<c>eval --json</c>) and a new one: rows that changed verdict, metric deltas.</summary>
internal sealed class BaselineComparison
{
    private BaselineComparison(IReadOnlyList<(EvaluationRow Row, string OldVerdict)> changed, IReadOnlyDictionary<string, (Metrics? Old, Metrics? New)> languages, Metrics oldOverall, Metrics newOverall, string oldVersion)
    {
        Changed = changed;
        Languages = languages;
        OldOverall = oldOverall;
        NewOverall = newOverall;
        OldVersion = oldVersion;
    }

    public IReadOnlyList<(EvaluationRow Row, string OldVerdict)> Changed { get; }

    public IReadOnlyDictionary<string, (Metrics? Old, Metrics? New)> Languages { get; }

    public Metrics OldOverall { get; }

    public Metrics NewOverall { get; }

    public string OldVersion { get; }

    /// <exception cref="JsonException">The baseline is not an <c>eval --json</c> report.</exception>
    public static BaselineComparison Compare(string baselineJson, EvaluationReport current)
    {
        using var document = JsonDocument.Parse(baselineJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rows", out var rows) || !root.TryGetProperty("overall", out var overall))
        {
            throw new JsonException("The baseline must be the output of 'promptguard eval --json' (with \"overall\" and \"rows\").");
        }

        var oldVerdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows.EnumerateArray())
        {
            if (row.TryGetProperty("id", out var id) && row.TryGetProperty("verdict", out var verdict))
            {
                oldVerdicts[id.GetString() ?? string.Empty] = verdict.GetString() ?? string.Empty;
            }
        }

        var changed = new List<(EvaluationRow, string)>();
        foreach (var row in current.Rows)
        {
            if (oldVerdicts.TryGetValue(row.Id, out var old) && old != Output.ResultJson.VerdictName(row.Verdict))
            {
                changed.Add((row, old));
            }
        }

        var oldLanguages = new Dictionary<string, Metrics>(StringComparer.Ordinal);
        if (root.TryGetProperty("byLanguage", out var byLanguage))
        {
            foreach (var language in byLanguage.EnumerateObject())
            {
                oldLanguages[language.Name] = ReadMetrics(language.Value);
            }
        }

        var languages = new SortedDictionary<string, (Metrics?, Metrics?)>(StringComparer.Ordinal);
        foreach (var key in oldLanguages.Keys.Union(current.ByLanguage.Keys))
        {
            languages[key] = (oldLanguages.GetValueOrDefault(key), current.ByLanguage.GetValueOrDefault(key));
        }

        var version = root.TryGetProperty("rulePackVersion", out var v) ? v.GetString() ?? "?" : "?";
        return new BaselineComparison(changed, languages, ReadMetrics(overall), current.Overall, version);
    }

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"-- against baseline (rules {OldVersion})");
        output.WriteLine($"{"group",-22} {"recall",16} {"FPR",16}");
        WriteDelta(output, "overall", OldOverall, NewOverall);
        foreach (var (language, (old, now)) in Languages)
        {
            WriteDelta(output, language, old, now);
        }

        output.WriteLine($"-- rows that changed verdict ({Changed.Count})");
        foreach (var (row, old) in Changed)
        {
            var nowFlagged = row.Flagged;
            var better = nowFlagged == row.ShouldFlag;
            output.WriteLine($"  {(better ? "fixed " : "BROKE ")} {row.Id} [{row.Language}/{row.Kind}] label {row.Label}: {old} -> {Output.ResultJson.VerdictName(row.Verdict)}: {row.Prompt}");
        }
    }

    private static void WriteDelta(TextWriter output, string name, Metrics? old, Metrics? now) =>
        output.WriteLine($"{name,-22} {Delta(old?.Recall, now?.Recall),16} {Delta(old?.FalsePositiveRate, now?.FalsePositiveRate),16}");

    private static string Delta(double? old, double? now)
    {
        static string Format(double? value) => value is null || double.IsNaN(value.Value) ? "-" : value.Value.ToString("0.000", CultureInfo.InvariantCulture);
        var delta = old is { } o && now is { } n && !double.IsNaN(o) && !double.IsNaN(n) ? (n - o).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "new";
        return $"{Format(old)}->{Format(now)} ({delta})";
    }

    private static Metrics ReadMetrics(JsonElement element) => new(
        element.GetProperty("blockRows").GetInt32(),
        element.GetProperty("blockFlagged").GetInt32(),
        element.GetProperty("allowRows").GetInt32(),
        element.GetProperty("allowFlagged").GetInt32());
}
