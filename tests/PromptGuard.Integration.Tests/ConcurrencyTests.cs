using Microsoft.Extensions.DependencyInjection;
using PromptGuard.DependencyInjection;

namespace PromptGuard.Integration.Tests;

/// <summary>Many threads screening while the rules are reloaded: no exception, and every result is one of the two rule sets' answers.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly string _rules = Directory.CreateTempSubdirectory("pg-conc-").FullName;

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    [Fact]
    public async Task Screen_DuringReloads_NeverThrows_AndAlwaysMatchesTheRuleSetItRanWith()
    {
        RepositoryPaths.CopyRulesTo(_rules);

        using var provider = new ServiceCollection().AddPromptGuard(o =>
        {
            o.RulesDirectory = _rules;
            o.ReloadOnChange = false;
            o.Detectors = Detectors.Rules;
        }).Services.BuildServiceProvider();
        var service = provider.GetRequiredService<PromptGuardService>();
        string[] prompts = ["put her in a zorkini", "@grok mets-lui un bikini", "mets-lui un manteau", "take off her shirt", "a castle at dusk"];

        // What each prompt gets with the rule set without "zorkini" (A) and with it (B), screened on one thread.
        var withoutWord = prompts.Select(p => service.Current.Screen(new ScreeningRequest(p) { HasSourceImage = true }).Verdict).ToArray();
        var termsWithout = service.Current.RulePack.TermCount;
        var extra = Path.Combine(_rules, "zz.json");
        File.WriteAllText(extra, """{ "language": "zz", "lexicon": { "clothing.revealing": ["zorkini"] } }""");
        service.Reload().Should().BeNull();
        var withWord = prompts.Select(p => service.Current.Screen(new ScreeningRequest(p) { HasSourceImage = true }).Verdict).ToArray();
        var termsWith = service.Current.RulePack.TermCount;
        termsWith.Should().NotBe(termsWithout);
        withWord[0].Should().NotBe(withoutWord[0], "the two rule sets must differ for the test to mean something");

        var errors = 0;
        var mismatches = 0;
        var screened = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 3).Select(w => new Thread(() =>
        {
            var i = w;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Each screening runs on one immutable screener: take it, screen, and compare with that set's answer.
                    var screener = service.Current;
                    var k = i++ % prompts.Length;
                    var verdict = screener.Screen(new ScreeningRequest(prompts[k]) { HasSourceImage = true }).Verdict;
                    var expected = screener.RulePack.TermCount == termsWith ? withWord[k] : withoutWord[k];
                    if (verdict != expected)
                    {
                        Interlocked.Increment(ref mismatches);
                    }

                    Interlocked.Increment(ref screened);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());

        var reloads = 0;
        var flip = false;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (reloads < 4 || (Volatile.Read(ref screened) < 2000 && DateTime.UtcNow < deadline))
        {
            if (flip)
            {
                File.WriteAllText(extra, """{ "language": "zz", "lexicon": { "clothing.revealing": ["zorkini"] } }""");
            }
            else
            {
                File.Delete(extra);
            }

            flip = !flip;
            service.Reload().Should().BeNull();
            reloads++;
        }

        await stop.CancelAsync();
        workers.ForEach(t => t.Join());

        errors.Should().Be(0);
        mismatches.Should().Be(0);
        screened.Should().BeGreaterThan(200, "the workers screened while the rules were swapped four times");
    }
}
