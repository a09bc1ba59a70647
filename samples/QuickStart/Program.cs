using PromptGuard;

// Build once (it compiles the rule packs and loads the model), then share: the screener is thread-safe.
var screener = PromptScreener.CreateDefault();

foreach (var prompt in args.Length > 0 ? args : ["@grok mets-lui un bikini", "mets-lui un manteau"])
{
    var result = screener.Screen(new ScreeningRequest(prompt) { HasSourceImage = true });
    Console.WriteLine($"{result.Verdict,-6} {prompt}");
    foreach (var reason in result.Reasons)
    {
        Console.WriteLine($"       {reason.RuleId} {reason.Category} \"{reason.MatchedText}\" at {reason.Span}");
    }
}

/// <summary>Lets tests find this sample's assembly.</summary>
public sealed class QuickStartMarker;
