using System.Globalization;

namespace PromptGuard.Cli.Evaluation;

/// <summary>Screens labelled rows and measures recall and false-positive rate (POLICY.md "Measures").</summary>
internal static class Evaluator
{
    /// <summary>Expands paths: a directory means every *.jsonl file under it, in a stable order.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }

    /// <exception cref="IOException">A file cannot be read.</exception>
    public static EvaluationReport Run(IPromptScreener screener, IEnumerable<string> files, string rulePackVersion)
    {
        var rows = new List<EvaluationRow>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (!RowReader.TryRead(line, out var row, out var problem))
                {
                    errors.Add($"{file}:{lineNumber}: {problem}");
                    continue;
                }

                if (row.Label is not ("block" or "allow"))
                {
                    errors.Add($"{file}:{lineNumber}: \"label\" must be \"block\" or \"allow\"");
                    continue;
                }

                var result = screener.Screen(new ScreeningRequest(row.Prompt) { HasSourceImage = row.HasImage, Language = row.Language });
                var id = row.IdText ?? $"{Path.GetFileName(file)}:{lineNumber.ToString(CultureInfo.InvariantCulture)}";
                rows.Add(new EvaluationRow(id, row.Language ?? "und", row.Kind ?? "unspecified", row.Label, row.Prompt, row.HasImage, result.Verdict,
                    result.Reasons.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).ToArray()));
            }
        }

        return new EvaluationReport(
            Metrics.Of(rows),
            Group(rows, r => r.Language),
            Group(rows, r => r.Kind),
            rows,
            errors,
            rulePackVersion);
    }

    private static SortedDictionary<string, Metrics> Group(List<EvaluationRow> rows, Func<EvaluationRow, string> key) =>
        new(rows.GroupBy(key).ToDictionary(g => g.Key, Metrics.Of), StringComparer.Ordinal);
}
