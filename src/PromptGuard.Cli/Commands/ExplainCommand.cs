using System.CommandLine;
using PromptGuard.Cli.Output;

namespace PromptGuard.Cli.Commands;

/// <summary><c>promptguard explain "&lt;prompt&gt;" [--image]</c>: everything the engine saw, for rule authors.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var image = new Option<bool>("--image") { Description = "The request edits an image the user supplied." };
        var rules = CommonOptions.Rules();
        var only = CommonOptions.Only();
        var prompt = new Argument<string>("prompt") { Description = "The prompt, or - to read it from standard input." };
        var command = new Command("explain", "Show the normalized text, each normalization step, every concept hit with its span, the rules that fired or nearly fired, and the policy path to the verdict.")
        {
            image, rules, only, prompt,
        };
        command.SetAction(parse =>
        {
            var screener = CommonOptions.TryBuildScreener(parse.GetValue(rules), error, parse.GetValue(only));
            if (screener is null)
            {
                return ExitCodes.UsageError;
            }

            var text = CommonOptions.ReadPrompt(parse.GetValue(prompt), input);

            var trace = screener.Explain(new ScreeningRequest(text) { HasSourceImage = parse.GetValue(image) });
            var pack = screener.RulePack;
            output.WriteLine("prompt:      " + text);
            output.WriteLine("normalized:  " + trace.Normalized.Text);
            output.WriteLine("steps:       " + trace.Normalized.Steps);
            output.WriteLine($"concepts ({trace.Hits.Count}):");
            foreach (var hit in trace.Hits)
            {
                var term = pack.Automaton.Terms[hit.TermId];
                var span = trace.Normalized.MapToOriginal(hit.Start, hit.End);
                output.WriteLine($"  {pack.ConceptNames[hit.ConceptId],-22} [{term.Language}] term \"{term.Text}\" ({term.Mode}{(hit.Approximate ? ", within one edit" : string.Empty)}) -> original \"{trace.Normalized.OriginalText(span)}\" at {span.Offset}+{span.Length}");
            }

            output.WriteLine($"rules fired ({trace.Firings.Count}):");
            foreach (var firing in trace.Firings)
            {
                var span = trace.Normalized.MapToOriginal(firing.Start, firing.End);
                output.WriteLine($"  {firing.Rule.Id,-16} {ResultJson.SignalCode(firing.Rule.Signal)} {firing.Rule.Strength.ToString().ToLowerInvariant(),-6} \"{trace.Normalized.OriginalText(span)}\": {firing.Rule.Message}");
            }

            output.WriteLine($"rules that nearly fired ({trace.NearMisses.Count}):");
            foreach (var miss in trace.NearMisses)
            {
                output.WriteLine($"  {miss.Rule.Id,-16} {ResultJson.SignalCode(miss.Rule.Signal)}: {miss.Missing}");
            }

            if (trace.Scores is { } scores)
            {
                output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"classifier:  action {scores.Action:0.000}, real person {scores.RealPerson:0.000}, minor {scores.Minor:0.000}, flag {scores.Flag:0.000} (model {screener.ModelVersion})"));
            }

            output.WriteLine($"policy:      {trace.Decision.Path}");
            output.WriteLine($"verdict:     {ResultJson.VerdictName(trace.Result.Verdict).ToUpperInvariant()} ({trace.Result.PolicyRuleId}), has image: {parse.GetValue(image)}");
            return trace.Result.IsFlagged ? ExitCodes.Flagged : ExitCodes.Ok;
        });
        return command;
    }
}
