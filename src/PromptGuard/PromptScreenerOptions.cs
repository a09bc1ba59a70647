namespace PromptGuard;

/// <summary>
/// Policy settings of a screener. Immutable; validated when the screener is built.
/// </summary>
/// <remarks>
/// The minor floor of POLICY.md (any sexualization of a minor is blocked) is not an option and cannot be loosened.
/// Options only tighten the default policy or tune what is not a safety floor.
/// </remarks>
public sealed record PromptScreenerOptions
{
    /// <summary>The default options (POLICY.md's default decision).</summary>
    public static PromptScreenerOptions Default { get; } = new();

    /// <summary>
    /// Verdict for sexual content about a generic, fictional adult (A1-A3 with T0 only). Default <see cref="Verdict.Allow"/>,
    /// as POLICY.md says; hosts whose own policy forbids adult content tighten it to Review or Block.
    /// </summary>
    public Verdict AdultContentVerdict { get; init; } = Verdict.Allow;

    /// <summary>
    /// Verdict for a sexualizing request that names a person only by pronoun or deixis ("put her in a bikini") when the
    /// request carries no source image. POLICY.md reads such a pronoun as the pictured person only for edits; in a
    /// text-to-image prompt it is the generic subject of the prompt (T0), so the default is <see cref="Verdict.Allow"/>.
    /// Hosts whose images can arrive through a channel PromptGuard does not see (a reply under a photo) tighten it to Review.
    /// </summary>
    public Verdict PronounWithoutImageVerdict { get; init; } = Verdict.Allow;

    /// <summary>Names of real people the host protects in addition to the bundled list (employees, customers, creators).</summary>
    /// <remarks>Treated as sensitive data: never logged.</remarks>
    public IReadOnlyList<string> ProtectedNames { get; init; } = [];

    /// <summary>What happens when a detector fails. Default <see cref="FailureMode.FailClosed"/>.</summary>
    public FailureMode FailureMode { get; init; } = FailureMode.FailClosed;

    /// <summary>
    /// Longest prompt screened, in UTF-16 code units. A longer prompt is never silently truncated: it is screened in full
    /// up to this length and flagged for review (or blocked under <see cref="FailureMode.FailClosed"/>) as oversized.
    /// </summary>
    public int MaxPromptLength { get; init; } = 1 << 20;

    /// <summary>Which detectors run. Default both; <see cref="Detectors.Rules"/> or <see cref="Detectors.Classifier"/> alone for ablations.</summary>
    public Detectors Detectors { get; init; } = Detectors.All;

    /// <summary>
    /// Classifier probability of a sexualizing action from which it counts as an action: with a target a rule found
    /// (pictured person on a photo, named person, relation, minor) the request is blocked. Default 0.9.
    /// </summary>
    public double ClassifierActionThreshold { get; init; } = 0.9;

    /// <summary>
    /// Classifier probability of a real-person or minor target from which it completes a rule-found action: a minor
    /// blocks (the floor), a real person is held for review. Default 0.9.
    /// </summary>
    public double ClassifierTargetThreshold { get; init; } = 0.9;

    /// <summary>Classifier probability that the request should be flagged from which it is reviewed even when no rule fired. Default 0.97.</summary>
    public double ClassifierReviewThreshold { get; init; } = 0.97;

    /// <summary>With the classifier alone (<see cref="Detectors.Classifier"/>): the probability from which it blocks. Default 0.5.</summary>
    public double ClassifierOnlyThreshold { get; init; } = 0.5;

    /// <summary>A classifier model file to use instead of the embedded one (classifier.bin, with vocab.txt beside it).</summary>
    public string? ClassifierModelPath { get; init; }

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(AdultContentVerdict))
        {
            errors.Add($"{nameof(AdultContentVerdict)} must be Allow, Review or Block.");
        }

        if (!Enum.IsDefined(PronounWithoutImageVerdict))
        {
            errors.Add($"{nameof(PronounWithoutImageVerdict)} must be Allow, Review or Block.");
        }

        if (!Enum.IsDefined(FailureMode))
        {
            errors.Add($"{nameof(FailureMode)} must be FailClosed or FailOpen.");
        }

        if (Detectors is not (Detectors.Rules or Detectors.Classifier or Detectors.All))
        {
            errors.Add($"{nameof(Detectors)} must be Rules, Classifier or All.");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(ClassifierActionThreshold), ClassifierActionThreshold),
            (nameof(ClassifierTargetThreshold), ClassifierTargetThreshold),
            (nameof(ClassifierReviewThreshold), ClassifierReviewThreshold),
            (nameof(ClassifierOnlyThreshold), ClassifierOnlyThreshold),
        })
        {
            if (!(value is > 0 and <= 1))
            {
                errors.Add($"{name} must be a probability in (0, 1] (got {value}).");
            }
        }

        if (MaxPromptLength < 1)
        {
            errors.Add($"{nameof(MaxPromptLength)} must be at least 1 (got {MaxPromptLength}).");
        }

        if (ProtectedNames is null)
        {
            errors.Add($"{nameof(ProtectedNames)} must not be null.");
        }
        else
        {
            for (var i = 0; i < ProtectedNames.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(ProtectedNames[i]) || ProtectedNames[i].Trim().Length < 2)
                {
                    errors.Add($"{nameof(ProtectedNames)}[{i}] must have at least two characters.");
                }
            }
        }

        return errors;
    }
}
