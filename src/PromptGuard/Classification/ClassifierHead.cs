namespace PromptGuard.Classification;

/// <summary>The classifier's outputs, one logistic head per POLICY.md signal and one for the final label.</summary>
internal enum ClassifierHead
{
    /// <summary>A sexualizing action (A1-A3).</summary>
    Action = 0,

    /// <summary>A real-person target (T1 on a photo, T2, T3).</summary>
    RealPerson = 1,

    /// <summary>A minor target (T4).</summary>
    Minor = 2,

    /// <summary>The request should be flagged (BLOCK or REVIEW).</summary>
    Flag = 3,
}
