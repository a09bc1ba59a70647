namespace PromptGuard;

/// <summary>The immutable answer to a <see cref="ScreeningRequest"/>: a verdict and every reason behind it.</summary>
public sealed class ScreeningResult
{
    private static readonly IReadOnlyList<Category> s_noCategories = Array.Empty<Category>();
    private static readonly IReadOnlyList<ScreeningReason> s_noReasons = Array.Empty<ScreeningReason>();

    internal ScreeningResult(
        Verdict verdict,
        string policyRuleId,
        IReadOnlyList<Category>? categories,
        IReadOnlyList<ScreeningReason>? reasons,
        NormalizationSteps normalizationSteps,
        string rulePackVersion,
        double score,
        string? modelVersion = null,
        string? modelSha256 = null)
    {
        ModelVersion = modelVersion;
        ModelSha256 = modelSha256;
        Verdict = verdict;
        PolicyRuleId = policyRuleId;
        Categories = categories ?? s_noCategories;
        Reasons = reasons ?? s_noReasons;
        NormalizationSteps = normalizationSteps;
        RulePackVersion = rulePackVersion;
        Score = score;
    }

    /// <summary>The decision.</summary>
    public Verdict Verdict { get; }

    /// <summary>True when the verdict is <see cref="Verdict.Review"/> or <see cref="Verdict.Block"/>.</summary>
    public bool IsFlagged => Verdict != Verdict.Allow;

    /// <summary>The policy line that decided (for example <c>POLICY-BLOCK-REAL-PERSON</c>); see POLICY.md.</summary>
    public string PolicyRuleId { get; }

    /// <summary>The categories of the reasons that decided the verdict, the decision's own category first. Empty for Allow.</summary>
    public IReadOnlyList<Category> Categories { get; }

    /// <summary>The evidence that decided the verdict, in prompt order. Empty for Allow.</summary>
    public IReadOnlyList<ScreeningReason> Reasons { get; }

    /// <summary>The normalization steps that changed the prompt before matching.</summary>
    public NormalizationSteps NormalizationSteps { get; }

    /// <summary>Version of the rule packs that screened the prompt.</summary>
    public string RulePackVersion { get; }

    /// <summary>Version of the classifier model that scored the prompt; null when no classifier ran.</summary>
    public string? ModelVersion { get; }

    /// <summary>SHA-256 of the classifier model file that scored the prompt; null when no classifier ran.</summary>
    public string? ModelSha256 { get; }

    /// <summary>
    /// Risk score in [0, 1]: for a flagged request the strongest evidence behind the verdict (rule strength, classifier
    /// probability); for an Allow the classifier's flag probability, or 0 when no classifier ran.
    /// </summary>
    public double Score { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Verdict} ({PolicyRuleId}, {Reasons.Count} reason(s))";
}
