using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PromptGuard.Cli.Evaluation;

namespace PromptGuard.Cli.Commands;

/// <summary><c>promptguard eval &lt;labelled.jsonl|DIR&gt;... [--json] [--rules DIR]</c>.</summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = "Labelled JSON Lines files (rows with \"label\": block|allow, optional \"lang\", \"kind\"), or directories of them.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (metrics, misses and every row's verdict)." };
        var baseline = new Option<string?>("--baseline") { Description = "A previous 'eval --json' report: list the rows that changed verdict and the metric deltas per language.", HelpName = "previous.json" };
        var htmlPath = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (per-language bars, confusion table, misses).", HelpName = "report.html" };
        var evasions = new Option<bool>("--evasions") { Description = "Also disguise every flagged block row (leetspeak, spacing, look-alikes, invisible characters, emoji, accents, stretching, case, misspelling) and report which disguises get through." };
        var rules = CommonOptions.Rules();
        var only = CommonOptions.Only();
        var command = new Command("eval", "Measure block recall, false-positive rate and precision, per language and per kind, and list the misses.") { files, json, baseline, htmlPath, evasions, rules, only };
        command.SetAction(parse =>
        {
            var screener = CommonOptions.TryBuildScreener(parse.GetValue(rules), error, parse.GetValue(only));
            if (screener is null)
            {
                return ExitCodes.UsageError;
            }

            var paths = Evaluator.ExpandPaths(parse.GetValue(files) ?? []);
            var missing = paths.FirstOrDefault(p => !File.Exists(p));
            if (missing is not null)
            {
                error.WriteLine($"promptguard: cannot read '{missing}': no such file.");
                return ExitCodes.UsageError;
            }

            EvaluationReport report;
            try
            {
                report = Evaluator.Run(screener, paths, screener.RulePack.Version);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("promptguard: " + ex.Message);
                return ExitCodes.UsageError;
            }

            BaselineComparison? comparison = null;
            if (parse.GetValue(baseline) is { } baselinePath)
            {
                try
                {
                    comparison = BaselineComparison.Compare(File.ReadAllText(baselinePath), report);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    error.WriteLine($"promptguard: cannot use baseline '{baselinePath}': {ex.Message}");
                    return ExitCodes.UsageError;
                }
            }

            if (parse.GetValue(htmlPath) is { } html)
            {
                try
                {
                    File.WriteAllText(html, HtmlReport.Render(report), new UTF8Encoding(false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"promptguard: cannot write '{html}': {ex.Message}");
                    return ExitCodes.UsageError;
                }
            }

            if (parse.GetValue(json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    EvaluationJson.Write(writer, report);
                }

                output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                WriteText(output, report);
            }

            comparison?.WriteText(parse.GetValue(json) ? error : output);
            if (parse.GetValue(evasions))
            {
                EvasionEvaluation.Run(screener, report.Rows).WriteText(parse.GetValue(json) ? error : output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static void WriteText(TextWriter output, EvaluationReport report)
    {
        output.WriteLine($"rules {report.RulePackVersion}: {report.Overall.Rows} rows");
        output.WriteLine($"{"group",-22} {"rows",5} {"recall",8} {"FPR",8} {"precision",9}");
        WriteLine(output, "overall", report.Overall);
        output.WriteLine("-- per language");
        foreach (var (language, metrics) in report.ByLanguage)
        {
            WriteLine(output, language, metrics);
        }

        output.WriteLine("-- per kind");
        foreach (var (kind, metrics) in report.ByKind)
        {
            WriteLine(output, kind, metrics);
        }

        var misses = report.Misses.ToList();
        output.WriteLine($"-- misses ({misses.Count})");
        foreach (var row in misses)
        {
            var what = row.ShouldFlag ? "missed block" : "false positive";
            output.WriteLine($"  {row.Id} [{row.Language}/{row.Kind}] {what} ({Output.ResultJson.VerdictName(row.Verdict)}{(row.Rules.Count > 0 ? ": " + string.Join(",", row.Rules) : string.Empty)}): {row.Prompt}");
        }

        foreach (var problem in report.Errors)
        {
            output.WriteLine("  error: " + problem);
        }
    }

    private static void WriteLine(TextWriter output, string name, Metrics metrics) =>
        output.WriteLine($"{name,-22} {metrics.Rows,5} {Rate(metrics.Recall),8} {Rate(metrics.FalsePositiveRate),8} {Rate(metrics.Precision),9}");

    private static string Rate(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
