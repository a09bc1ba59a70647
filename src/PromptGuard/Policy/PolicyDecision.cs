using PromptGuard.Rules;

namespace PromptGuard.Policy;

/// <summary>What the policy decided and which firings it rested on.</summary>
internal sealed record PolicyDecision(Verdict Verdict, string PolicyRuleId, Category? DecisionCategory, string Path, IReadOnlyList<RuleFiring> Evidence);
