using PromptGuard.Rules;

namespace PromptGuard.Tests.Rules;

/// <summary>Every example in every shipped rule is its own test case, named by rule id.</summary>
public sealed class RuleExampleTests
{
    private static readonly Lazy<RulePack> s_pack = new(RulePack.LoadDefault);

    public static TheoryData<string, string, bool> Examples()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var result in s_pack.Value.RunExamples())
        {
            data.Add(result.RuleId, result.Example, result.ShouldMatch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Rule_MatchesItsExamples(string ruleId, string example, bool shouldMatch)
    {
        var rule = s_pack.Value.Rules.Single(r => r.Id == ruleId);

        s_pack.Value.Fires(rule, example).Should().Be(shouldMatch, $"{ruleId} should {(shouldMatch ? string.Empty : "not ")}match \"{example}\"");
    }

    [Fact]
    public void DefaultPack_CoversEveryRuleWithAMatchAndANoMatchExample()
    {
        var rules = s_pack.Value.Rules;

        rules.Should().OnlyContain(r => r.MatchExamples.Count > 0 && r.NoMatchExamples.Count > 0, "each rule has hard negatives beside it");
    }

    [Fact]
    public void DefaultPack_LintsClean()
    {
        RulePack.Lint(RepositoryPaths.Rules).Should().BeEmpty();
    }
}
