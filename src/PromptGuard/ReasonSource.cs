namespace PromptGuard;

/// <summary>Which part of the engine produced a <see cref="ScreeningReason"/>.</summary>
public enum ReasonSource
{
    /// <summary>A rule from a rule pack matched the normalized prompt.</summary>
    Rule = 0,

    /// <summary>The statistical classifier scored the prompt.</summary>
    Classifier = 1,

    /// <summary>A detector failed (for example a regex timed out); the failure mode decided the verdict.</summary>
    Error = 2,
}
