namespace PromptGuard.Rules;

/// <summary>A rule that fired, with the normalized range of the evidence and the term that decided its language.</summary>
internal readonly record struct RuleFiring(CompiledRule Rule, int Start, int End, string Language);

/// <summary>A rule that had part of what it needs (for explain): what was found and what was missing.</summary>
internal sealed record NearMiss(CompiledRule Rule, string Missing);
