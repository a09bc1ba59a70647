using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PromptGuard.Normalization;

/// <summary>
/// Turns a prompt into the canonical text the rules match, undoing the disguises people use
/// (invisible characters, look-alike letters, leetspeak, spaced and repeated letters, emoji),
/// while keeping a map from every normalized character back to the original prompt.
/// </summary>
/// <remarks>
/// Lexicon terms go through the same normalizer, so whatever folding happens (doubled letters
/// collapse, accents drop) happens on both sides and the match stays exact. Never throws on any string.
/// </remarks>
internal sealed class TextNormalizer
{
    /// <summary>A run value no real run has: marks letters joined from a spaced-out word.</summary>
    private const int JoinedMarker = 255;

    private static readonly FoldEntry?[] s_bmpFolds = new FoldEntry?[char.MaxValue + 1];

    public static TextNormalizer Instance { get; } = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NormalizedText Normalize(string? prompt)
    {
        // Undoing one disguise can reveal another (a dot removed joins two halves of a look-alike word): passes repeat
        // until the text stops changing, so normalizing a normalized text changes nothing. Plain text takes one pass.
        var normalized = Pass(prompt ?? string.Empty);
        for (var pass = 0; pass < 3 && (normalized.Steps & RevealingSteps) != 0; pass++)
        {
            var again = Pass(normalized.Text);
            if (string.Equals(again.Text, normalized.Text, StringComparison.Ordinal))
            {
                break;
            }

            normalized = normalized.Compose(again);
        }

        if (t_first?.Capacity > RetainedCapacity || t_second?.Capacity > RetainedCapacity)
        {
            // A long prompt's buffers are not kept: every thread that ever saw one would hold megabytes for good.
            t_first = null;
            t_second = null;
        }

        return normalized;
    }

    private const NormalizationSteps RevealingSteps =
        NormalizationSteps.Leetspeak | NormalizationSteps.SpacedLetters | NormalizationSteps.Confusables | NormalizationSteps.InvisibleCharacters
        | NormalizationSteps.Emoji;

    [ThreadStatic]
    private static char[]? t_converted;

    [ThreadStatic]
    private static CharBuffer? t_first;

    [ThreadStatic]
    private static CharBuffer? t_second;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NormalizedText Pass(string original)
    {
        // Working buffers are reused per thread (screeners are shared across threads); the result copies what it keeps.
        var a = t_first ??= new CharBuffer(256);
        var b = t_second ??= new CharBuffer(256);
        a.Clear();
        b.Clear();
        a.EnsureCapacity(original.Length + 16);
        b.EnsureCapacity(original.Length + 16);
        var steps = NormalizationSteps.None;

        // Joins first: words hidden by spacing or dots must be whole before look-alikes and leetspeak are read,
        // or a second pass would read them differently (normalization is idempotent).
        steps |= FoldCharacters(original, a);
        steps |= JoinSpacedLetters(a, b);
        steps |= FoldConfusables(b);
        steps |= ReadLeetspeak(b, a);
        bool[]? joined = null;
        steps |= CollapseRepeatedLetters(a, b, ref joined);
        TrimEnd(b);
        return b.ToNormalizedText(original, steps, joined is null ? null : joined[..b.Length]);
    }

    /// <summary>The largest working buffers a thread keeps between prompts (far beyond any ordinary prompt).</summary>
    private const int RetainedCapacity = 1 << 16;

    /// <summary>Normalizes a lexicon term; the offsets are not needed.</summary>
    public string NormalizeTerm(string term) => Normalize(term).Text;

    // The hot helpers below are inlined on purpose: they run once or more per character, and a call each (or tier-0
    // code for the ones the JIT would not inline on its own) was a large share of normalizing and matching long prompts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsWordChar(char c) => c < 0x80 ? char.IsAsciiLetterOrDigit(c) : IsNonAsciiWordChar(c);

    private static bool IsNonAsciiWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NormalizationSteps FoldCharacters(string original, CharBuffer output)
    {
        var steps = NormalizationSteps.None;
        var previousBaseFoldsMarks = false;
        var typedJamo = false;
        for (var i = 0; i < original.Length; i++)
        {
            var c = original[i];
            var start = i;
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < original.Length && char.IsLowSurrogate(original[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, original[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // A lone surrogate carries no text; dropping it is what an invisible character gets.
                steps |= NormalizationSteps.InvisibleCharacters;
                continue;
            }

            var end = i + 1;
            if (c < 0x80 && codePoint >= 0x20 && codePoint != 0x7F)
            {
                AppendAscii(output, c, start, end, ref steps);
                previousBaseFoldsMarks = char.IsAsciiLetter(c);
                continue;
            }

            if (IsWhiteSpace(codePoint))
            {
                AppendSpace(output, start, end);
                previousBaseFoldsMarks = false;
                continue;
            }

            if (IsInvisible(codePoint))
            {
                steps |= NormalizationSteps.InvisibleCharacters;
                continue;
            }

            if (codePoint > char.MaxValue)
            {
                if (EmojiConcepts.TryGet(codePoint, out var concept))
                {
                    steps |= NormalizationSteps.Emoji;
                    AppendSpace(output, start, start);
                    foreach (var ch in concept)
                    {
                        output.Append(ch, start, end);
                    }

                    AppendSpace(output, end, end);
                    previousBaseFoldsMarks = false;
                }
                else if (EmojiConcepts.IsModifier(codePoint))
                {
                    steps |= NormalizationSteps.InvisibleCharacters;
                }
                else
                {
                    var fold = ComputeFold(char.ConvertFromUtf32(codePoint));
                    steps |= fold.Steps;
                    foreach (var ch in fold.Text)
                    {
                        output.Append(ch, start, end);
                    }
                }

                continue;
            }

            if (c is '\u00B7' or '\u30FB' or '\uFF65' or '\u2027' && output.Length > 0 && IsHanOrKana(output[output.Length - 1])
                && i + 1 < original.Length && IsHanOrKana(original[i + 1]))
            {
                // The dot between the parts of a name in Han or kana (泰勒·斯威夫特, テイラー・スウィフト) is not a word
                // boundary in text written without spaces: the name is matched whole.
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark && previousBaseFoldsMarks)
            {
                // A combining accent typed after a Latin, Greek or Cyrillic letter ("e" + U+0301).
                steps |= NormalizationSteps.DiacriticsFolding;
                if (output.Length > 0)
                {
                    output.Widen(output.Length - 1, start, end);
                }

                continue;
            }

            if (TryCompose(output, c, start, end))
            {
                continue;
            }

            var entry = s_bmpFolds[c] ??= ComputeFold(c.ToString());
            steps |= entry.Steps;
            foreach (var ch in entry.Text)
            {
                if (ch == ' ')
                {
                    AppendSpace(output, start, end);
                }
                else
                {
                    output.Append(ch, start, end);
                }
            }

            previousBaseFoldsMarks = entry.Text.Length > 0 && FoldsMarks(entry.Text[^1]);
            typedJamo |= IsKeyboardJamo(c);
        }

        if (typedJamo)
        {
            ComposeTypedFinalConsonants(output, original);
        }

        return steps;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsKeyboardJamo(char c) => c is >= '\u3131' and <= '\u318E';

    /// <summary>
    /// Keyboard jamo typed one by one (ㅂㅓㅅ겨 for 벗겨): a vowel already joined the consonant before it; a consonant
    /// left after such a syllable, with no vowel of its own, is its final (받침). Only syllables typed as jamo take
    /// one, so "좋아ㅋㅋ" keeps its laughter apart.
    /// </summary>
    private static void ComposeTypedFinalConsonants(CharBuffer output, string original)
    {
        var write = 0;
        for (var read = 0; read < output.Length; read++)
        {
            var c = output[read];
            if (write > 0 && c is >= '\u1100' and <= '\u1112' && IsKeyboardJamo(original[output.StartAt(read)]))
            {
                var syllable = output[write - 1];
                var final = s_finalOfInitial[c - '\u1100'];
                if (final > 0 && syllable is >= '\uAC00' and <= '\uD7A3' && (syllable - '\uAC00') % 28 == 0
                    && IsKeyboardJamo(original[output.StartAt(write - 1)]))
                {
                    output.SetChar(write - 1, (char)(syllable + final));
                    output.Widen(write - 1, output.StartAt(read), output.EndAt(read));
                    continue;
                }
            }

            output.Move(read, write);
            write++;
        }

        output.Truncate(write);
    }

    /// <summary>The final-consonant index (1-27) of each initial consonant ᄀ..ᄒ; 0 where Hangul has no such final (ㄸ ㅃ ㅉ).</summary>
    private static readonly int[] s_finalOfInitial = [1, 2, 4, 7, 0, 8, 16, 17, 0, 19, 20, 21, 22, 0, 23, 24, 25, 26, 27];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendAscii(CharBuffer output, char c, int start, int end, ref NormalizationSteps steps)
    {
        if (c == ' ')
        {
            AppendSpace(output, start, end);
            return;
        }

        if (c is >= 'A' and <= 'Z')
        {
            steps |= NormalizationSteps.CaseFolding;
            c = (char)(c + 32);
        }
        else if (c == '`')
        {
            c = '\'';
        }

        output.Append(c, start, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendSpace(CharBuffer output, int start, int end)
    {
        if (output.Length == 0 || output[output.Length - 1] == ' ')
        {
            return;
        }

        output.Append(' ', start, end);
    }

    private static void TrimEnd(CharBuffer buffer)
    {
        // CharBuffer has no truncate by design elsewhere; rebuild is cheaper to reason about than a setter.
        while (buffer.Length > 0 && buffer[buffer.Length - 1] == ' ')
        {
            buffer.RemoveLast();
        }
    }

    /// <summary>Composes Hangul jamo and kana voicing marks with the character before them (decomposed or half-width input).</summary>
    private static bool TryCompose(CharBuffer output, char c, int start, int end)
    {
        // Keyboard (compatibility) jamo typed one by one (ㅂㅣㅋㅣㄴㅣ): a vowel joins the consonant before it.
        if (c is >= '\u314F' and <= '\u3163' && TryNormalize(c.ToString(), NormalizationForm.FormKC, out var vowel) && vowel.Length == 1)
        {
            c = vowel[0];
        }

        var composable = c is >= '\u1160' and <= '\u11FF' or '\u3099' or '\u309A' or '\uFF9E' or '\uFF9F';
        if (!composable || output.Length == 0)
        {
            return false;
        }

        var mark = c switch
        {
            '\uFF9E' => '\u3099',
            '\uFF9F' => '\u309A',
            _ => c,
        };
        var previous = output[output.Length - 1];
        if (!TryNormalize(string.Concat(previous.ToString(), mark.ToString()), NormalizationForm.FormC, out var composed))
        {
            return false;
        }

        if (composed.Length != 1)
        {
            return false;
        }

        output.SetChar(output.Length - 1, composed[0]);
        output.Widen(output.Length - 1, start, end);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhiteSpace(int codePoint) =>
        codePoint is '\t' or '\n' or '\r' or '\v' or '\f' or 0x85 or 0xA0 or 0x1680 or >= 0x2000 and <= 0x200A or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;

    private static bool IsInvisible(int codePoint)
    {
        if (codePoint is < 0x20 or 0x7F or >= 0x80 and <= 0x9F)
        {
            return true;
        }

        if (codePoint is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x3164 or 0xFFA0 or 0xFEFF
            or >= 0x200B and <= 0x200F or >= 0x202A and <= 0x202E or >= 0x2060 and <= 0x206F
            or >= 0xFE00 and <= 0xFE0F or >= 0xFFF0 and <= 0xFFFB or >= 0xE0000 and <= 0xE0FFF or >= 0x1D173 and <= 0x1D17A)
        {
            return true;
        }

        if (codePoint <= char.MaxValue)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory((char)codePoint);
            return category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
        }

        var wide = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return wide is UnicodeCategory.Format or UnicodeCategory.PrivateUse;
    }

    private static bool FoldsMarks(char c) => Confusables.IsLatin(c) || Confusables.IsGreek(c) || Confusables.IsCyrillic(c);

    private static FoldEntry ComputeFold(string text)
    {
        var steps = NormalizationSteps.None;
        if (!TryNormalize(text, NormalizationForm.FormKC, out var nfkc))
        {
            return new FoldEntry(string.Empty, NormalizationSteps.InvisibleCharacters);
        }

        if (!string.Equals(nfkc, text, StringComparison.Ordinal))
        {
            steps |= NormalizationSteps.Nfkc;
        }

        var builder = new StringBuilder(nfkc.Length + 2);
        foreach (var ch in nfkc)
        {
            var special = FoldSpecial(ch);
            if (special is not null)
            {
                steps |= char.IsDigit(ch) ? NormalizationSteps.Nfkc : NormalizationSteps.DiacriticsFolding;
                builder.Append(special);
                continue;
            }

            var smallCapital = Confusables.FoldSmallCapital(ch);
            if (smallCapital != ch)
            {
                steps |= NormalizationSteps.Confusables;
                builder.Append(smallCapital);
                continue;
            }

            if (FoldsMarks(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.UppercaseLetter)
            {
                if (!TryNormalize(ch.ToString(), NormalizationForm.FormD, out var decomposed))
                {
                    continue;
                }

                foreach (var part in decomposed)
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(part) == UnicodeCategory.NonSpacingMark && FoldsMarks(decomposed[0]))
                    {
                        steps |= NormalizationSteps.DiacriticsFolding;
                        continue;
                    }

                    AppendLower(builder, part, ref steps);
                }

                continue;
            }

            if (ch is '\u2018' or '\u2019' or '\u02BC' or '\u00B4' or '\u2032')
            {
                builder.Append('\'');
                continue;
            }

            if (ch is '\u2010' or '\u2011')
            {
                builder.Append('-');
                continue;
            }

            AppendLower(builder, ch, ref steps);
        }

        return new FoldEntry(builder.ToString(), steps);
    }

    /// <summary>Unicode normalization refuses some code points (unassigned, unpaired); those carry no text to screen.</summary>
    private static bool TryNormalize(string text, NormalizationForm form, out string normalized)
    {
        try
        {
            normalized = text.Normalize(form);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = string.Empty;
            return false;
        }
    }

    private static void AppendLower(StringBuilder builder, char c, ref NormalizationSteps steps)
    {
        var lower = char.ToLowerInvariant(c);
        if (lower != c)
        {
            steps |= NormalizationSteps.CaseFolding;
        }

        builder.Append(lower);
    }

    private static string? FoldSpecial(char c) => c switch
    {
        'ß' or 'ẞ' => "ss",
        'œ' or 'Œ' => "oe",
        'æ' or 'Æ' => "ae",
        'ø' or 'Ø' => "o",
        'ł' or 'Ł' => "l",
        'đ' or 'Đ' => "d",
        'ı' => "i",
        'ħ' => "h",

        // Arabic: vowel marks and the tatweel stretch are dropped, letter variants folded, as Arabic search does.
        >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640' or >= '\u06D6' and <= '\u06ED' => string.Empty,
        '\u0623' or '\u0625' or '\u0622' or '\u0671' => "\u0627",
        '\u0649' or '\u06CC' => "\u064A",
        '\u0629' => "\u0647",
        '\u06A9' => "\u0643",

        // Digits of other scripts (Arabic-Indic "١٤", Persian, Devanagari "१४") are ages like ASCII ones.
        >= '\u0660' and <= '\u0669' => ((char)('0' + (c - '\u0660'))).ToString(),
        >= '\u06F0' and <= '\u06F9' => ((char)('0' + (c - '\u06F0'))).ToString(),
        >= '\u0966' and <= '\u096F' => ((char)('0' + (c - '\u0966'))).ToString(),
        _ => null,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NormalizationSteps FoldConfusables(CharBuffer buffer)
    {
        var steps = NormalizationSteps.None;
        var previousWordCyrillic = false;
        var i = 0;
        while (i < buffer.Length)
        {
            if (!char.IsLetter(buffer[i]))
            {
                i++;
                continue;
            }

            // A tie ("eё", "дo") goes to the script of the word before: a disguised word sits among its own language's.
            var start = i;
            int latin = 0, cyrillic = 0;
            var greek = false;
            while (i < buffer.Length && (char.IsLetter(buffer[i]) || (IsWordChar(buffer[i]) && !char.IsDigit(buffer[i]))))
            {
                var c = buffer[i];
                latin += Confusables.IsLatin(c) ? 1 : 0;
                cyrillic += Confusables.IsCyrillic(c) ? 1 : 0;
                greek |= Confusables.IsGreek(c);
                i++;
            }

            // Only mixed-script words are disguises; a wholly Cyrillic word is Russian or Ukrainian text. A mixed word
            // is read in the script most of its letters have: "pаздeнь" is Russian with two Latin look-alikes,
            // "nudе" English with one Cyrillic.
            var mixed = latin > 0 && cyrillic > 0;
            var toCyrillic = mixed && (cyrillic > latin || (cyrillic == latin && previousWordCyrillic));
            previousWordCyrillic = cyrillic > latin || (mixed && toCyrillic);
            var foldCyrillic = mixed && !toCyrillic;
            var foldGreek = greek && (latin > 0 || cyrillic == 0);
            if (!mixed && !foldGreek)
            {
                continue;
            }

            for (var k = start; k < i; k++)
            {
                var c = buffer[k];
                var folded = toCyrillic && Confusables.IsLatin(c) ? Confusables.LatinToCyrillic(c)
                    : foldCyrillic && Confusables.IsCyrillic(c) ? Confusables.FoldCyrillic(c)
                    : foldGreek && Confusables.IsGreek(c) ? Confusables.FoldGreek(c)
                    : c;
                if (folded != c)
                {
                    buffer.SetChar(k, folded);
                    steps |= NormalizationSteps.Confusables;
                }
            }
        }

        return steps;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLeetSymbol(char c) => c is '@' or '$' or '!' or '|' or '+' or '€';

    private static char LeetLetter(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        '|' => 'l',
        '+' => 't',
        '€' => 'e',
        _ => '\0',
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NormalizationSteps ReadLeetspeak(CharBuffer input, CharBuffer output)
    {
        output.Clear();
        var steps = NormalizationSteps.None;
        var i = 0;
        Span<char> token = stackalloc char[0];
        while (i < input.Length)
        {
            var c = input[i];
            if (!IsWordChar(c) && !IsLeetSymbol(c))
            {
                output.Append(c, input.StartAt(i), input.EndAt(i));
                output.SetRun(output.Length - 1, input.RunAt(i));
                i++;
                continue;
            }

            var start = i;
            var hasAsciiLetter = false;
            while (i < input.Length && (IsWordChar(input[i]) || IsLeetSymbol(input[i])))
            {
                hasAsciiLetter |= input[i] is >= 'a' and <= 'z';
                i++;
            }

            if (!hasAsciiLetter && IsCyrillicWithZero(input, start, i))
            {
                // "р0здягни": a zero between Cyrillic letters is the letter о, as 0 is o between Latin ones.
                for (var k = start; k < i; k++)
                {
                    output.Append(input[k] == '0' ? '\u043E' : input[k], input.StartAt(k), input.EndAt(k));
                    output.SetRun(output.Length - 1, input.RunAt(k));
                }

                steps |= NormalizationSteps.Leetspeak;
                continue;
            }

            if (!hasAsciiLetter || IsAgeToken(input, start, i))
            {
                CopyWithDigitSplits(input, start, i, output, converted: null);
                continue;
            }

            var length = i - start;
            var converted = t_converted is { } buffer && buffer.Length >= length ? buffer : t_converted = new char[Math.Max(length, 64)];
            for (var k = 0; k < length; k++)
            {
                var ch = input[start + k];
                var leet = LeetLetter(ch);
                converted[k] = '\0';
                if (leet == '\0')
                {
                    continue;
                }

                var left = k > 0 && (IsLetter(input[start + k - 1]) || converted[k - 1] != '\0');
                var right = k + 1 < length && IsLetter(input[start + k + 1]);
                var take = ch switch
                {
                    '@' => left,
                    '$' => left || right,
                    '|' => left && right && !BetweenWords(input, start + k, start, start + length),
                    '!' or '+' => left && right,
                    _ => left || (k == 0 && right && length >= 4 && ch is '0' or '3' or '4' or '5'),
                };
                if (take)
                {
                    converted[k] = leet;
                    steps |= NormalizationSteps.Leetspeak;
                }
            }

            CopyWithDigitSplits(input, start, i, output, converted);
        }

        return steps;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(char c) => char.IsLetter(c);

    /// <summary>
    /// A bar with four letters or more on each side separates two words ("emma watson|nude|artstation", the
    /// alternatives of a text-to-image prompt) rather than standing for an "l" inside one ("top|ess").
    /// </summary>
    private static bool BetweenWords(CharBuffer input, int bar, int tokenStart, int tokenEnd)
    {
        var before = 0;
        while (bar - before - 1 >= tokenStart && char.IsLetter(input[bar - before - 1]))
        {
            before++;
        }

        var after = 0;
        while (bar + after + 1 < tokenEnd && char.IsLetter(input[bar + after + 1]))
        {
            after++;
        }

        return before >= 4 && after >= 4;
    }

    /// <summary>"16yo", "12ans", "15y": an age, not leetspeak.</summary>
    private static bool IsAgeToken(CharBuffer input, int start, int end)
    {
        var k = start;
        while (k < end && char.IsAsciiDigit(input[k]))
        {
            k++;
        }

        if (k == start || k - start > 3 || k == end)
        {
            return false;
        }

        Span<char> unit = stackalloc char[Math.Min(end - k, 8)];
        if (end - k > 8)
        {
            return false;
        }

        for (var m = k; m < end; m++)
        {
            unit[m - k] = input[m];
        }

        return unit is "yo" or "y" or "yr" or "yrs" or "an" or "ans" or "a" or "j" or "jahre" or "jahrig" or "anos" or "anni" or "ar" or "lat" or "let" or "yil" or "yas" or "sai" or "tahun" or "tuoi" or "ani" or "jaar" or "yers";
    }

    /// <summary>A token of Cyrillic letters with zeros among them (and no other digit), each zero between two letters.</summary>
    private static bool IsCyrillicWithZero(CharBuffer input, int start, int end)
    {
        var zero = false;
        for (var k = start; k < end; k++)
        {
            var c = input[k];
            if (c == '0')
            {
                if (k == start || k == end - 1 || !Confusables.IsCyrillic(input[k - 1]) || !(Confusables.IsCyrillic(input[k + 1]) || input[k + 1] == '0'))
                {
                    return false;
                }

                zero = true;
            }
            else if (!Confusables.IsCyrillic(c))
            {
                return false;
            }
        }

        return zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyWithDigitSplits(CharBuffer input, int start, int end, CharBuffer output, char[]? converted)
    {
        var previousKind = 0; // 1 digit, 2 letter-ish
        for (var k = start; k < end; k++)
        {
            var ch = converted is not null && converted[k - start] != '\0' ? converted[k - start] : input[k];
            var kind = char.IsAsciiDigit(ch) ? 1 : char.IsLetter(ch) ? 2 : 0;
            if (previousKind != 0 && kind != 0 && kind != previousKind)
            {
                // "16yo" reads as "16 yo": the age and its unit are separate words for the rules.
                output.Append(' ', input.StartAt(k), input.StartAt(k));
            }

            if (IsLeetSymbol(ch))
            {
                // An unread symbol stays a separator ("@grok").
                output.Append(ch, input.StartAt(k), input.EndAt(k));
                output.SetRun(output.Length - 1, input.RunAt(k));
                previousKind = 0;
                continue;
            }

            output.Append(ch, input.StartAt(k), input.EndAt(k));
            output.SetRun(output.Length - 1, input.RunAt(k));
            if (kind != 0)
            {
                previousKind = kind;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NormalizationSteps JoinSpacedLetters(CharBuffer input, CharBuffer output)
    {
        output.Clear();
        var steps = NormalizationSteps.None;
        var i = 0;
        while (i < input.Length)
        {
            // Only a word that starts here can begin a run of single letters.
            if ((i == 0 || !IsWordChar(input[i - 1])) && IsSingleLetterToken(input, i) && TryMeasureSpacedRun(input, i, out var runEnd, out var letters) && letters >= 3)
            {

                for (var k = i; k < runEnd; k++)
                {
                    if (IsWordChar(input[k]))
                    {
                        output.Append(input[k], input.StartAt(k), input.EndAt(k));
                        output.SetRun(output.Length - 1, JoinedMarker);
                    }
                }

                steps |= NormalizationSteps.SpacedLetters;
                i = runEnd;
                continue;
            }

            if (IsIntraWordDot(input, i))
            {
                // "und.ress", "nu.de": a dot hiding a word, not ending a sentence.
                steps |= NormalizationSteps.SpacedLetters;
                i++;
                continue;
            }

            // Between two words, an underscore is the space of tags and handles ("emma_watson", "see_through_dress").
            if (input[i] == '_' && output.Length > 0 && output[output.Length - 1] != ' ' && i + 1 < input.Length && input[i + 1] != ' ')
            {
                output.Append(' ', input.StartAt(i), input.EndAt(i));
                i++;
                continue;
            }

            output.Append(input[i], input.StartAt(i), input.EndAt(i));
            i++;
        }

        return steps;
    }

    private static bool IsIntraWordDot(CharBuffer input, int i)
    {
        if (input[i] is not ('.' or '_' or '·') || i == 0 || i + 1 >= input.Length || !char.IsLetter(input[i - 1]) || !char.IsLetter(input[i + 1]))
        {
            return false;
        }

        var left = 0;
        while (i - left - 1 >= 0 && char.IsLetter(input[i - left - 1]))
        {
            left++;
        }

        var right = 0;
        while (i + right + 1 < input.Length && char.IsLetter(input[i + right + 1]))
        {
            right++;
        }

        // Short pieces on both sides; longer ones are two words with a missing space after a full stop.
        return Math.Min(left, right) <= 3 && Math.Max(left, right) <= 5;
    }

    /// <summary>A letter with its combining marks (a Devanagari consonant and its vowel sign) standing alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSingleLetterToken(CharBuffer input, int i) =>
        char.IsLetter(input[i])
        && (i == 0 || !IsWordChar(input[i - 1]))
        && (SingleLetterEnd(input, i) >= input.Length || !IsWordChar(input[SingleLetterEnd(input, i)]));

    private static int SingleLetterEnd(CharBuffer input, int i)
    {
        var end = i + 1;
        while (end < input.Length && CharUnicodeInfo.GetUnicodeCategory(input[end]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
        {
            end++;
        }

        return end;
    }

    private static bool TryMeasureSpacedRun(CharBuffer input, int start, out int runEnd, out int letters)
    {
        letters = 1;
        runEnd = SingleLetterEnd(input, start);
        var k = runEnd;
        while (k < input.Length)
        {
            var separatorStart = k;
            while (k < input.Length && k - separatorStart < 3 && IsLetterSeparator(input[k]))
            {
                k++;
            }

            var separatorLength = k - separatorStart;
            if (separatorLength == 0 || separatorLength > 2 || k >= input.Length || !IsSingleLetterToken(input, k))
            {
                break;
            }

            letters++;
            runEnd = SingleLetterEnd(input, k);
            k = runEnd;
        }

        return letters >= 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetterSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '·' or '/' or '|' or ',' or '+' or '~' or '\'';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NormalizationSteps CollapseRepeatedLetters(CharBuffer input, CharBuffer output, ref bool[]? joined)
    {
        output.Clear();
        var steps = NormalizationSteps.None;
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];

            // A mark that ends up after a Latin, Greek or Cyrillic letter (once leetspeak and joins made one) is an
            // accent like any other: dropped, so normalizing twice gives the same text.
            if (c >= '\u0300' && output.Length > 0 && FoldsMarks(output[output.Length - 1])
                && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                output.Widen(output.Length - 1, input.StartAt(i), input.EndAt(i));
                steps |= NormalizationSteps.DiacriticsFolding;
                i++;
                continue;
            }

            var run = 1;
            if (char.IsLetter(c) && FoldsMarks(c))
            {
                while (i + run < input.Length && input[i + run] == c)
                {
                    run++;
                }
            }
            else if (IsArabicLetter(c))
            {
                // Arabic writes a doubled consonant once (with a shadda), but real words do hold two alike letters
                // ("ممكن"): only three or more are stretching ("عرّيييها").
                while (i + run < input.Length && input[i + run] == c)
                {
                    run++;
                }

                run = run >= 3 ? run : 1;
            }

            output.Append(c, input.StartAt(i), input.EndAt(i));
            output.SetRun(output.Length - 1, run);
            if (input.RunAt(i) == JoinedMarker)
            {
                joined ??= new bool[input.Length];
                joined[output.Length - 1] = true;
            }

            for (var k = 1; k < run; k++)
            {
                output.Widen(output.Length - 1, input.StartAt(i + k), input.EndAt(i + k));
            }

            if (run >= 3)
            {
                steps |= NormalizationSteps.RepeatedLetters;
            }

            i += run;
        }

        return steps;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsHanOrKana(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF66' and <= '\uFF9F';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsArabicLetter(char c) => c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3';

    private sealed record FoldEntry(string Text, NormalizationSteps Steps);
}
