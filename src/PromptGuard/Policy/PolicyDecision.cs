using PromptGuard.Classification;
using PromptGuard.Rules;

namespace PromptGuard.Policy;

/// <summary>What the policy decided and which rule firings and classifier scores it rested on.</summary>
internal sealed record PolicyDecision(Verdict Verdict, string PolicyRuleId, Category? DecisionCategory, string Path, IReadOnlyList<RuleFiring> Evidence)
{
    public IReadOnlyList<ClassifierEvidence> ClassifierEvidence { get; init; } = [];
}

/// <summary>A classifier head whose probability the decision used.</summary>
internal readonly record struct ClassifierEvidence(ClassifierHead Head, double Probability);
