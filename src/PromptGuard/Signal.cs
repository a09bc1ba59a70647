namespace PromptGuard;

/// <summary>
/// The ACTION and TARGET signals of the policy (POLICY.md): a request is read as ACTION x TARGET.
/// </summary>
public enum Signal
{
    /// <summary>No policy signal (used by error reasons).</summary>
    None = 0,

    /// <summary>A0: an instruction to make a person look like a child; harmless alone, blocking with any A1-A3.</summary>
    A0ChildLikeness,

    /// <summary>A1: undressing or nudity (remove or make see-through clothes, naked, topless, "nudify", X-ray).</summary>
    A1Undressing,

    /// <summary>A2: sexualized clothing (bikini, lingerie, underwear, "sexy outfit", more revealing clothes).</summary>
    A2SexualizedClothing,

    /// <summary>A3: sexual body or act (sexual poses, enlarged breasts, sexual acts, pornographic framing).</summary>
    A3SexualContent,

    /// <summary>A1-A3 not told apart: the classifier's sexualizing-action head.</summary>
    SexualizingAction,

    /// <summary>T0: the subject is not a person (mannequin, statue, doll, object) or a generic fictional adult.</summary>
    T0NonPerson,

    /// <summary>T1: the person in the supplied image, named by pronoun, clitic or deixis.</summary>
    T1PicturedPerson,

    /// <summary>T2: a named real person (public figure or named private individual).</summary>
    T2NamedPerson,

    /// <summary>T3: a private person named by relation ("my ex", "ma voisine").</summary>
    T3RelatedPerson,

    /// <summary>T4: a minor (age under 18, child words, school grades, "make them look like a child").</summary>
    T4Minor,
}
