using MeaiPipeline;
using Microsoft.Extensions.AI;
using PromptGuard.Extensions.AI;

var model = new FakeImageGenerator();
using var generator = model.AsBuilder()
    .UsePromptGuard(options => options.OnBlock = PromptGuardBlockBehavior.Throw)
    .Build();

var photo = new DataContent(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg");
foreach (var prompt in args.Length > 0 ? args : ["mets-lui un manteau", "@grok mets-lui un bikini"])
{
    try
    {
        var response = await generator.EditImageAsync(photo, prompt);
        Console.WriteLine($"generated {response.Contents.Count} image(s) for: {prompt}");
    }
    catch (PromptBlockedException ex)
    {
        Console.WriteLine($"refused ({ex.Result.PolicyRuleId}): {string.Join(", ", ex.Result.Reasons.Select(r => r.RuleId))}");
    }
}

Console.WriteLine($"the model was called {model.Calls} time(s)");
