namespace PromptGuard.Rules;

/// <summary>How a lexicon term must sit in the text to count as a hit.</summary>
internal enum TermMatchMode
{
    /// <summary>A whole word: boundaries on both sides ("bikini").</summary>
    Word,

    /// <summary>The start of a word, any ending ("déshabill*": déshabille, déshabillez...).</summary>
    Prefix,

    /// <summary>The end of a word, any beginning ("*-la": mets-la, fais-la...).</summary>
    Suffix,

    /// <summary>Anywhere ("*比基尼*"); the default for scripts written without spaces.</summary>
    Infix,
}

/// <summary>One compiled lexicon entry.</summary>
/// <param name="Text">The normalized term the automaton looks for.</param>
/// <param name="ConceptId">Index of the concept the term stands for.</param>
/// <param name="Language">Language of the file that defined it.</param>
/// <param name="Mode">Where the term may sit in the text.</param>
/// <param name="Runs">
/// For short terms, how many identical letters each character stood for in the term ("teen": 1,2,1), so that
/// collapsing doubled letters does not make "teen" match "ten" or "boob" match "bob". Null for longer terms,
/// where a doubled or missing double letter is a typo or an evasion, not another word.
/// </param>
internal sealed record LexiconTerm(string Text, int ConceptId, string Language, TermMatchMode Mode, byte[]? Runs = null)
{
    /// <summary>
    /// True for terms of veto concepts (used only in "none"): inside letters that were spaced out and joined they must
    /// not match a fragment ("ring" in "s t r i n g"), since a spurious veto would let a request through.
    /// </summary>
    public bool ExactBoundaries { get; init; }

    /// <summary>Terms shorter than this (after collapsing) must match doubled letters exactly.</summary>
    public const int StrictRunLength = 5;

    /// <summary>
    /// A term letter written once matches a text letter written once or stretched (3+ times, an evasion);
    /// a term letter written twice needs at least two in the text.
    /// </summary>
    public bool RunsFit(ReadOnlySpan<byte> textRuns)
    {
        if (Runs is null)
        {
            return true;
        }

        for (var k = 0; k < Runs.Length && k < textRuns.Length; k++)
        {
            // A doubled last letter ("braa") is stretching, not another word; inside a word it is ("teen" is not "ten").
            var last = k == Runs.Length - 1;
            var fits = Runs[k] >= 2 ? textRuns[k] >= 2 : last || textRuns[k] != 2;
            if (!fits)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A lexicon term found in the normalized text, at [Start, End); approximate when found within one edit.</summary>
internal readonly record struct ConceptHit(int ConceptId, int TermId, int Start, int End, bool Approximate = false);
