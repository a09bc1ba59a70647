using System.Text.Json;
using PromptGuard.Normalization;
using PromptGuard.Rules;

namespace PromptGuard.Tests.Rules;

public sealed class PatternGateTests
{
    [Fact]
    public void MayMatch_AgreesWithThePatternsOneByOne_OnTheTuneSplitAndTheRuleExamples()
    {
        var pack = RulePack.LoadDefault();
        var gate = new PatternGate(pack.PatternRules);
        gate.Build();
        gate.IsBuilt.Should().BeTrue("a gate that cannot be built silently loses the optimization");
        gate.PartCount.Should().BeInRange(1, 4);

        var texts = TunePrompts().Concat(pack.PatternRules.SelectMany(r => r.MatchExamples.Concat(r.NoMatchExamples)))
            .Select(p => TextNormalizer.Instance.Normalize(p).Text).ToList();
        var matched = 0;
        foreach (var text in texts)
        {
            var any = pack.PatternRules.Any(r => r.Pattern!.IsMatch(text));
            gate.MayMatch(text).Should().Be(any, text);
            matched += any ? 1 : 0;
        }

        matched.Should().BeGreaterThan(20, "the comparison must cover texts the patterns match, not only ones they miss");
    }

    [Fact]
    public void MayMatch_LetsEveryPatternRun_UntilTheGateIsBuilt()
    {
        var pack = RulePack.LoadDefault();
        var gate = new PatternGate(pack.PatternRules);

        gate.MayMatch("an ordinary request with no age in it").Should().BeTrue();
    }

    private static IEnumerable<string> TunePrompts() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Data, "dev", "tune"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prompt").GetString()!);
}
