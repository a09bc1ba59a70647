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
    /// request carries no source image. POLICY.md reads such a pronoun as the pictured person only for edits, so the
    /// default is <see cref="Verdict.Review"/>: the image may come from a thread the host did not pass on.
    /// </summary>
    public Verdict PronounWithoutImageVerdict { get; init; } = Verdict.Review;

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
