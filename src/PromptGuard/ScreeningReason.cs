namespace PromptGuard;

/// <summary>One piece of evidence behind a verdict: which rule (or model, or fault), what it means, where in the prompt.</summary>
public sealed record ScreeningReason
{
    /// <summary>Stable id of the rule that fired (for example <c>PG-FR-T1-0001</c>), or of the detector.</summary>
    public required string RuleId { get; init; }

    /// <summary>The kind of harm this reason points at.</summary>
    public required Category Category { get; init; }

    /// <summary>The ACTION or TARGET signal of the policy this reason carries.</summary>
    public required Signal Signal { get; init; }

    /// <summary>Language of the lexicon entry that matched (<c>und</c> when language-neutral).</summary>
    public required string Language { get; init; }

    /// <summary>Where the evidence is, in the ORIGINAL prompt (or, when <see cref="Turn"/> is not 0, in that earlier turn).</summary>
    public required PromptSpan Span { get; init; }

    /// <summary>Which text <see cref="Span"/> points into: 0 the prompt itself, 1 the turn before it in <see cref="ScreeningRequest.History"/>, and so on.</summary>
    public int Turn { get; init; }

    /// <summary>The original prompt's text at <see cref="Span"/>.</summary>
    /// <remarks>Part of the prompt: treat it as sensitive in logs and telemetry.</remarks>
    public required string MatchedText { get; init; }

    /// <summary>Which part of the engine produced this reason.</summary>
    public required ReasonSource Source { get; init; }

    /// <summary>Strength of the evidence in [0, 1]: 1 for a strong rule, lower for weak rules or model probabilities.</summary>
    public required double Score { get; init; }

    /// <summary>Human-readable explanation from the rule pack.</summary>
    public required string Message { get; init; }
}
