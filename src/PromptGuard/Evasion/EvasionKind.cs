namespace PromptGuard.Evasion;

/// <summary>The disguises people put on a request to get it past a filter; each has a generator in <see cref="EvasionGenerator"/>.</summary>
internal enum EvasionKind
{
    Leetspeak,
    SpacedLetters,
    PunctuatedLetters,
    Homoglyphs,
    InvisibleCharacters,
    Emoji,
    DroppedDiacritics,
    RepeatedLetters,
    CaseChanges,
    Misspelling,
}
