using System.Text;

namespace PromptGuard.Cli.Output;

/// <summary>The human-readable verdict of <c>check</c>: verdict, categories, reasons, and the prompt with the evidence marked.</summary>
internal static class ResultText
{
    public static void Write(TextWriter output, string prompt, ScreeningResult result, bool color)
    {
        var (paint, reset) = color
            ? (result.Verdict switch { Verdict.Block => Ansi.Red, Verdict.Review => Ansi.Yellow, _ => Ansi.Green }, Ansi.Reset)
            : (string.Empty, string.Empty);
        output.WriteLine($"{paint}{ResultJson.VerdictName(result.Verdict).ToUpperInvariant()}{reset}  {result.PolicyRuleId}  score {result.Score:0.00}");
        if (result.Categories.Count > 0)
        {
            output.WriteLine("categories: " + string.Join(", ", result.Categories.Select(c => c.Value)));
        }

        foreach (var reason in result.Reasons)
        {
            output.WriteLine($"  {reason.RuleId,-16} {ResultJson.SignalCode(reason.Signal)} {reason.Category.Value,-20} [{reason.Language}] \"{reason.MatchedText}\" at {reason.Span.Offset}+{reason.Span.Length}: {reason.Message}");
        }

        if (result.Reasons.Count > 0)
        {
            output.WriteLine("prompt: " + Highlight(prompt, result.Reasons.Select(r => r.Span), color));
        }

        if (result.NormalizationSteps != NormalizationSteps.None)
        {
            output.WriteLine("normalized: " + result.NormalizationSteps);
        }

        output.WriteLine("rules: " + result.RulePackVersion + (result.ModelVersion is null ? string.Empty : $", model: {result.ModelVersion} ({result.ModelSha256?[..12]})"));
    }

    /// <summary>Marks the spans in the prompt, with reverse video in a terminal and [brackets] elsewhere.</summary>
    public static string Highlight(string prompt, IEnumerable<PromptSpan> spans, bool color)
    {
        var marked = new bool[prompt.Length];
        foreach (var span in spans)
        {
            for (var i = span.Offset; i < span.End && i < prompt.Length; i++)
            {
                marked[i] = true;
            }
        }

        var (open, close) = color ? (Ansi.Highlight, Ansi.Reset) : ("[", "]");
        var builder = new StringBuilder(prompt.Length + 16);
        for (var i = 0; i < prompt.Length; i++)
        {
            if (marked[i] && (i == 0 || !marked[i - 1]))
            {
                builder.Append(open);
            }

            builder.Append(prompt[i]);
            if (marked[i] && (i + 1 == prompt.Length || !marked[i + 1]))
            {
                builder.Append(close);
            }
        }

        return builder.ToString();
    }
}
