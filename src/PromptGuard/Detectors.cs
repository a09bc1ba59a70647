namespace PromptGuard;

/// <summary>Which detectors a screener runs. Both by default; one alone for ablations and measurements.</summary>
[Flags]
public enum Detectors
{
    /// <summary>The rule packs (explainable, span-level).</summary>
    Rules = 1,

    /// <summary>The statistical classifier (catches paraphrases no rule names).</summary>
    Classifier = 2,

    /// <summary>Rules and classifier fused by the policy (the default).</summary>
    All = Rules | Classifier,
}
