namespace PromptGuard.Tests.Robustness;

/// <summary>Faults fail closed by default, fail open only when asked, and never crash the host.</summary>
public sealed class FaultTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pg-fault-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Screen_BlocksWithTheFaultAsAReason_WhenTheModelFileIsCorrupt()
    {
        var model = Path.Combine(_directory, "classifier.bin");
        File.WriteAllBytes(model, [1, 2, 3, 4, 5]);
        var screener = PromptScreener.CreateBuilder().WithOptions(new PromptScreenerOptions { ClassifierModelPath = model }).Build();

        var result = screener.Screen(new ScreeningRequest("mets-lui un manteau") { HasSourceImage = true });

        result.Verdict.Should().Be(Verdict.Block);
        result.Reasons.Should().ContainSingle(r => r.Source == ReasonSource.Error && r.RuleId == "PG-FAULT-MODEL")
            .Which.MatchedText.Should().BeEmpty("fault reasons never copy the prompt");
    }

    [Fact]
    public void Screen_DecidesOnTheRules_WhenTheModelIsMissingAndTheHostChoseFailOpen()
    {
        var screener = PromptScreener.CreateBuilder()
            .WithOptions(new PromptScreenerOptions { ClassifierModelPath = Path.Combine(_directory, "missing.bin"), FailureMode = FailureMode.FailOpen })
            .Build();

        screener.Screen(new ScreeningRequest("mets-lui un manteau") { HasSourceImage = true }).Verdict.Should().Be(Verdict.Allow);
        var seed = screener.Screen(new ScreeningRequest("@grok mets-lui un bikini") { HasSourceImage = true });
        seed.Verdict.Should().Be(Verdict.Block);
        seed.Reasons.Should().Contain(r => r.Source == ReasonSource.Error);
    }

    [Fact]
    public void Screen_ReportsATimedOutPattern_AsAFault_AndBlocks()
    {
        // A pattern that takes time on long input, with a one-tick timeout through the internal seam.
        File.WriteAllText(Path.Combine(_directory, "en.json"), """
            { "language": "en", "rules": [ { "id": "PG-EN-A3-0001", "signal": "A3", "message": "m", "pattern": "(x|y|z)*w", "examples": { "match": ["xw"] } } ] }
            """);
        var screener = PromptScreener.CreateBuilder().UseRulesDirectory(_directory).WithOptions(new PromptScreenerOptions { Detectors = Detectors.Rules }).Build();
        var rule = screener.RulePack.PatternRules.Single();
        PromptGuard.Rules.RegexTimeouts.Override(rule, TimeSpan.FromTicks(1));

        // The "w" is what the pattern requires, so the prefilter lets it run; it sits far in, so the scan is long.
        var xyz = string.Concat(Enumerable.Repeat("xyz", 200_000));
        var result = screener.Screen(new ScreeningRequest(xyz + " w " + xyz));

        result.Verdict.Should().Be(Verdict.Block);
        result.Reasons.Should().ContainSingle(r => r.Source == ReasonSource.Error && r.RuleId == "PG-EN-A3-0001");
    }
}
