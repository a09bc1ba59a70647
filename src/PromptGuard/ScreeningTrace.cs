using PromptGuard.Classification;
using PromptGuard.Normalization;
using PromptGuard.Policy;
using PromptGuard.Rules;

namespace PromptGuard;

/// <summary>Everything the engine saw on one prompt, for <c>promptguard explain</c> and tests. Not on the hot path.</summary>
internal sealed record ScreeningTrace(
    NormalizedText Normalized,
    IReadOnlyList<ConceptHit> Hits,
    IReadOnlyList<RuleFiring> Firings,
    IReadOnlyList<NearMiss> NearMisses,
    PolicyDecision Decision,
    ScreeningResult Result)
{
    public ClassifierScores? Scores { get; init; }
}
