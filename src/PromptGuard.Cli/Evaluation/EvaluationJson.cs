using System.Text.Json;

namespace PromptGuard.Cli.Evaluation;

/// <summary>The machine-readable form of an evaluation (<c>eval --json</c>), also the baseline format.</summary>
internal static class EvaluationJson
{
    public static void Write(Utf8JsonWriter writer, EvaluationReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("rulePackVersion", report.RulePackVersion);
        writer.WritePropertyName("overall");
        WriteMetrics(writer, report.Overall);
        WriteGroup(writer, "byLanguage", report.ByLanguage);
        WriteGroup(writer, "byKind", report.ByKind);
        writer.WriteStartArray("misses");
        foreach (var row in report.Misses)
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.Id);
            writer.WriteString("lang", row.Language);
            writer.WriteString("kind", row.Kind);
            writer.WriteString("label", row.Label);
            writer.WriteString("verdict", Output.ResultJson.VerdictName(row.Verdict));
            writer.WriteString("prompt", row.Prompt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.Id);
            writer.WriteString("lang", row.Language);
            writer.WriteString("kind", row.Kind);
            writer.WriteString("label", row.Label);
            writer.WriteString("verdict", Output.ResultJson.VerdictName(row.Verdict));
            writer.WriteStartArray("rules");
            foreach (var rule in row.Rules)
            {
                writer.WriteStringValue(rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("errors");
        foreach (var error in report.Errors)
        {
            writer.WriteStringValue(error);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, Metrics> group)
    {
        writer.WriteStartObject(name);
        foreach (var (key, metrics) in group)
        {
            writer.WritePropertyName(key);
            WriteMetrics(writer, metrics);
        }

        writer.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter writer, Metrics metrics)
    {
        writer.WriteStartObject();
        writer.WriteNumber("blockRows", metrics.BlockRows);
        writer.WriteNumber("blockFlagged", metrics.BlockFlagged);
        writer.WriteNumber("allowRows", metrics.AllowRows);
        writer.WriteNumber("allowFlagged", metrics.AllowFlagged);
        WriteRate(writer, "recall", metrics.Recall);
        WriteRate(writer, "falsePositiveRate", metrics.FalsePositiveRate);
        WriteRate(writer, "precision", metrics.Precision);
        writer.WriteEndObject();
    }

    private static void WriteRate(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, Math.Round(value, 4));
        }
    }
}
