namespace PromptGuard;

/// <summary>The normalization steps that changed a prompt before matching. A flags value, so reporting it allocates nothing.</summary>
/// <remarks>
/// Evasion steps (<see cref="InvisibleCharacters"/>, <see cref="Confusables"/>, <see cref="Leetspeak"/>,
/// <see cref="SpacedLetters"/>, <see cref="RepeatedLetters"/>) firing on a flagged prompt is itself a useful
/// signal for reviewers: somebody tried to hide the request.
/// </remarks>
[Flags]
public enum NormalizationSteps
{
    /// <summary>The prompt needed no normalization beyond whitespace.</summary>
    None = 0,

    /// <summary>Unicode compatibility normalization (NFKC): full-width forms, ligatures, superscripts.</summary>
    Nfkc = 1 << 0,

    /// <summary>Upper case folded to lower case.</summary>
    CaseFolding = 1 << 1,

    /// <summary>Accents and other diacritics removed from Latin, Greek and Cyrillic letters.</summary>
    DiacriticsFolding = 1 << 2,

    /// <summary>Zero-width, bidirectional, control and other invisible characters removed.</summary>
    InvisibleCharacters = 1 << 3,

    /// <summary>Cyrillic or Greek look-alike letters inside Latin words folded to Latin.</summary>
    Confusables = 1 << 4,

    /// <summary>Digits and symbols used as letters (b1k1n1, $exy, n@ked) read as letters.</summary>
    Leetspeak = 1 << 5,

    /// <summary>Letters separated by spaces or punctuation (b i k i n i, b.i.k.i.n.i) joined.</summary>
    SpacedLetters = 1 << 6,

    /// <summary>Letters repeated three or more times (biiikini) collapsed.</summary>
    RepeatedLetters = 1 << 7,

    /// <summary>Emoji replaced by the concept they stand for (👙 becomes "bikini").</summary>
    Emoji = 1 << 8,
}
