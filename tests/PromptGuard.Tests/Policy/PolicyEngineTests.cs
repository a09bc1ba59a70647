using PromptGuard.Policy;
using PromptGuard.Rules;

namespace PromptGuard.Tests.Policy;

/// <summary>POLICY.md's default decision, line by line.</summary>
public sealed class PolicyEngineTests
{
    private static RuleFiring Fire(Signal signal, RuleStrength strength = RuleStrength.Strong) => new(new CompiledRule
    {
        Id = "TEST-" + signal,
        File = "test.json",
        Language = "en",
        Signal = signal,
        Category = Category.For(signal),
        Strength = strength,
        Message = "test",
        All = [],
        Any = [0],
        None = [],
        Window = int.MaxValue,
        Ordered = false,
    }, 0, 1, "en");

    public static TheoryData<Signal, Signal, bool, Verdict> Table() => new()
    {
        // A1-A3 x T1 (with image), T2, T3: BLOCK.
        { Signal.A1Undressing, Signal.T1PicturedPerson, true, Verdict.Block },
        { Signal.A2SexualizedClothing, Signal.T1PicturedPerson, true, Verdict.Block },
        { Signal.A3SexualContent, Signal.T1PicturedPerson, true, Verdict.Block },
        { Signal.A2SexualizedClothing, Signal.T2NamedPerson, false, Verdict.Block },
        { Signal.A1Undressing, Signal.T3RelatedPerson, false, Verdict.Block },
        // A1-A3 x T4: BLOCK, with or without an image.
        { Signal.A2SexualizedClothing, Signal.T4Minor, false, Verdict.Block },
        { Signal.A3SexualContent, Signal.T4Minor, true, Verdict.Block },
        // A1-A3 x T0 only: ALLOW under the default policy.
        { Signal.A2SexualizedClothing, Signal.T0NonPerson, true, Verdict.Allow },
        // A0 alone and benign edits: ALLOW whatever the target.
        { Signal.A0ChildLikeness, Signal.T1PicturedPerson, true, Verdict.Allow },
        { Signal.None, Signal.T4Minor, true, Verdict.Allow },
        { Signal.None, Signal.T2NamedPerson, false, Verdict.Allow },
        // A pronoun without an image is not the pictured person (T0 under POLICY.md): ALLOW by default (option).
        { Signal.A2SexualizedClothing, Signal.T1PicturedPerson, false, Verdict.Allow },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_FollowsThePolicyTable(Signal action, Signal target, bool hasImage, Verdict expected)
    {
        var firings = new[] { action, target }.Where(s => s != Signal.None).Select(s => Fire(s)).ToList();

        PolicyEngine.Decide(firings, hasImage, PromptScreenerOptions.Default).Verdict.Should().Be(expected);
    }

    [Fact]
    public void Decide_ReviewsAPronounWithoutAnImage_WhenTheHostTightensIt()
    {
        var options = PromptScreenerOptions.Default with { PronounWithoutImageVerdict = Verdict.Review };

        PolicyEngine.Decide([Fire(Signal.A2SexualizedClothing), Fire(Signal.T1PicturedPerson)], false, options).Verdict.Should().Be(Verdict.Review);
    }

    [Fact]
    public void Decide_ReviewsAWeakTarget_EvenWithAStrongAction()
    {
        var decision = PolicyEngine.Decide([Fire(Signal.A1Undressing), Fire(Signal.T2NamedPerson, RuleStrength.Weak)], false, PromptScreenerOptions.Default);

        decision.Verdict.Should().Be(Verdict.Review);
    }

    [Fact]
    public void Decide_Blocks_ChildLikenessWithASexualizingAction()
    {
        var decision = PolicyEngine.Decide([Fire(Signal.A0ChildLikeness), Fire(Signal.A2SexualizedClothing)], false, PromptScreenerOptions.Default);

        decision.Verdict.Should().Be(Verdict.Block);
        decision.PolicyRuleId.Should().Be(PolicyRuleIds.BlockChildLikeness);
    }

    [Fact]
    public void Decide_Reviews_AWeakActionOnARealPerson()
    {
        var decision = PolicyEngine.Decide([Fire(Signal.A1Undressing, RuleStrength.Weak), Fire(Signal.T1PicturedPerson)], true, PromptScreenerOptions.Default);

        decision.Verdict.Should().Be(Verdict.Review);
    }

    [Fact]
    public void Decide_KeepsTheMinorFloor_WhateverTheOptions()
    {
        var loosest = PromptScreenerOptions.Default with { AdultContentVerdict = Verdict.Allow, PronounWithoutImageVerdict = Verdict.Allow, FailureMode = FailureMode.FailOpen };

        PolicyEngine.Decide([Fire(Signal.A2SexualizedClothing), Fire(Signal.T4Minor)], false, loosest).Verdict.Should().Be(Verdict.Block);
        PolicyEngine.Decide([Fire(Signal.A2SexualizedClothing, RuleStrength.Weak), Fire(Signal.T4Minor)], false, loosest).Verdict.Should().Be(Verdict.Review);
    }

    [Theory]
    [InlineData(Verdict.Review)]
    [InlineData(Verdict.Block)]
    public void Decide_TightensAdultContent_WhenTheHostAsks(Verdict adultContent)
    {
        var options = PromptScreenerOptions.Default with { AdultContentVerdict = adultContent };

        PolicyEngine.Decide([Fire(Signal.A1Undressing)], false, options).Verdict.Should().Be(adultContent);
    }

    [Fact]
    public void Decide_CitesTheActionAndTheTarget_AsEvidence()
    {
        var decision = PolicyEngine.Decide([Fire(Signal.A2SexualizedClothing), Fire(Signal.T1PicturedPerson)], true, PromptScreenerOptions.Default);

        decision.Evidence.Select(f => f.Rule.Signal).Should().BeEquivalentTo([Signal.A2SexualizedClothing, Signal.T1PicturedPerson]);
        decision.DecisionCategory.Should().Be(Category.NonConsensualIntimateImagery);
    }
}
