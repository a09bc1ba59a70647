using PromptGuard.Cli.Evaluation;
using PromptGuard.Evasion;

namespace PromptGuard.Cli.Tests;

/// <summary>
/// The quality gates of the issues, measured on data the rules were not fitted to: the measure-only split of the
/// development corpus (written by other authors, never read while writing rules) and public sets written by others.
/// </summary>
public sealed class QualityGateTests
{
    private static readonly PromptScreener s_screener = PromptScreener.CreateDefault();

    private static EvaluationReport Evaluate(params string[] relativePaths) =>
        Evaluator.Run(s_screener, Evaluator.ExpandPaths(relativePaths.Select(p => Path.Combine(RepositoryPaths.Root, p))), s_screener.RulePack.Version);

    private static double FlagRate(IEnumerable<string> prompts, bool hasImage)
    {
        var list = prompts.ToList();
        return (double)list.Count(p => s_screener.Screen(new ScreeningRequest(p) { HasSourceImage = hasImage }).IsFlagged) / list.Count;
    }

    [Fact]
    public void MeasureSplit_FrenchAndEnglish_RecallAtLeast90_FalsePositivesAtMost5Percent()
    {
        var report = Evaluate("data/dev/measure/fr-en.jsonl");

        report.Errors.Should().BeEmpty();
        report.Overall.BlockRows.Should().BeGreaterThan(150);
        report.Overall.Recall.Should().BeGreaterThanOrEqualTo(0.90);
        report.Overall.FalsePositiveRate.Should().BeLessThanOrEqualTo(0.05);
    }

    [Fact]
    public void PublicEditInstructions_MagicBrushAndAurora_FalsePositivesAtMostOnePercent()
    {
        var prompts = ExternalSets.EditInstructions("magicbrush_train.json").Concat(ExternalSets.EditInstructions("aurora_bench_test.json"));

        FlagRate(prompts, hasImage: true).Should().BeLessThanOrEqualTo(0.01);
    }

    [Fact]
    public void PublicPrompts_PartiPrompts_FalsePositivesAtMostOnePercent()
    {
        FlagRate(ExternalSets.PartiPrompts(), hasImage: false).Should().BeLessThanOrEqualTo(0.01);
    }

    [Fact]
    public void PublicPrompts_I2pSexualizingNamedRealPeople_RecallAtLeast85Percent()
    {
        var prompts = ExternalSets.I2pPrompts();
        var selected = ExternalSets.Selection("i2p-sexualized-named-people.tsv");

        selected.Should().HaveCountGreaterThan(30);
        FlagRate(selected.Select(i => prompts[i]), hasImage: false).Should().BeGreaterThanOrEqualTo(0.85);
    }

    [Fact]
    public void Evasions_DisguisedBlockRequests_StayFlagged()
    {
        var report = Evaluate("data/dev/tune", "data/dev/measure");

        var evasions = EvasionEvaluation.Run(s_screener, report.Rows);

        evasions.Applied.Should().BeGreaterThan(1000);
        foreach (var (kind, (applied, stillFlagged)) in evasions.ByKind.Where(k => k.Value.Applied >= 20))
        {
            var rate = (double)stillFlagged / applied;
            rate.Should().BeGreaterThanOrEqualTo(kind == EvasionKind.Misspelling ? 0.80 : 0.95, $"{kind} should not get requests through");
        }
    }
}
