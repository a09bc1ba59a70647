using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PromptGuard.Cli.Output;

/// <summary>The JSON shapes the CLI prints. Field names are part of the CLI contract.</summary>
internal static class ResultJson
{
    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Allow => "allow",
        Verdict.Review => "review",
        _ => "block",
    };

    /// <summary>The compact row of <c>scan</c>: id, verdict, categories, rules, score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteScanRow(Utf8JsonWriter writer, RowId id, ScreeningResult result)
    {
        writer.WriteStartObject();
        id.WriteTo(writer);
        writer.WriteString("verdict", VerdictName(result.Verdict));
        writer.WriteStartArray("categories");
        var categories = result.Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            writer.WriteStringValue(categories[i].Value);
        }

        writer.WriteEndArray();

        // Each rule once, in the order of its first reason (a row has a handful: a scan beats a set).
        writer.WriteStartArray("rules");
        var reasons = result.Reasons;
        for (var i = 0; i < reasons.Count; i++)
        {
            var ruleId = reasons[i].RuleId;
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = string.Equals(reasons[j].RuleId, ruleId, StringComparison.Ordinal);
            }

            if (!seen)
            {
                writer.WriteStringValue(ruleId);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("score", Math.Round(result.Score, 4));
        writer.WriteEndObject();
    }

    public static void WriteErrorRow(Utf8JsonWriter writer, RowId id, string error)
    {
        writer.WriteStartObject();
        id.WriteTo(writer);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    /// <summary>The full result of <c>check --json</c>.</summary>
    public static void WriteResult(Utf8JsonWriter writer, ScreeningResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("verdict", VerdictName(result.Verdict));
        writer.WriteString("policyRule", result.PolicyRuleId);
        writer.WriteNumber("score", Math.Round(result.Score, 4));
        writer.WriteStartArray("categories");
        foreach (var category in result.Categories)
        {
            writer.WriteStringValue(category.Value);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("reasons");
        foreach (var reason in result.Reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", reason.RuleId);
            writer.WriteString("category", reason.Category.Value);
            writer.WriteString("signal", SignalCode(reason.Signal));
            writer.WriteString("language", reason.Language);
            writer.WriteNumber("offset", reason.Span.Offset);
            writer.WriteNumber("length", reason.Span.Length);
            writer.WriteString("text", reason.MatchedText);
            writer.WriteString("source", reason.Source.ToString().ToLowerInvariant());
            writer.WriteNumber("score", Math.Round(reason.Score, 4));
            writer.WriteString("message", reason.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("normalization");
        foreach (var step in Enum.GetValues<NormalizationSteps>())
        {
            if (step != NormalizationSteps.None && result.NormalizationSteps.HasFlag(step))
            {
                writer.WriteStringValue(step.ToString());
            }
        }

        writer.WriteEndArray();
        writer.WriteString("rulePackVersion", result.RulePackVersion);
        if (result.ModelVersion is not null)
        {
            writer.WriteString("modelVersion", result.ModelVersion);
            writer.WriteString("modelSha256", result.ModelSha256);
        }

        writer.WriteEndObject();
    }

    public static string SignalCode(Signal signal) => signal switch
    {
        Signal.A0ChildLikeness => "A0",
        Signal.A1Undressing => "A1",
        Signal.A2SexualizedClothing => "A2",
        Signal.A3SexualContent => "A3",
        Signal.T0NonPerson => "T0",
        Signal.T1PicturedPerson => "T1",
        Signal.T2NamedPerson => "T2",
        Signal.T3RelatedPerson => "T3",
        Signal.T4Minor => "T4",
        Signal.SexualizingAction => "A",
        _ => "-",
    };
}
