using System.Globalization;
using System.Text;
using PromptGuard.Rules;

namespace PromptGuard.Evasion;

/// <summary>
/// Rewrites a request the way evaders do, on the words the rules key on: leetspeak, spaced or dotted letters,
/// look-alike letters, invisible characters, emoji, dropped accents, stretched letters, case changes, one-edit
/// misspellings. Used by tests and by <c>promptguard eval --evasions</c> to check that disguises do not work.
/// </summary>
internal static class EvasionGenerator
{
    private static readonly string[] s_invisibles = ["\u200B", "\u200D", "\u2060", "\u200E", "\u202E"];

    /// <summary>
    /// Applies <paramref name="kind"/> to the longest word of each trigger span. Returns null when the disguise does
    /// not apply (no emoji for the word, no word long enough to misspell, nothing to change).
    /// </summary>
    public static string? Apply(string prompt, EvasionKind kind, IReadOnlyList<PromptSpan> triggers, IReadOnlySet<string> emojiWords)
    {
        switch (kind)
        {
            case EvasionKind.DroppedDiacritics:
                return Changed(prompt, DropDiacritics(prompt));
            case EvasionKind.CaseChanges:
                return Changed(prompt, AlternateCase(prompt));
        }

        var words = triggers.Select(t => LongestWord(prompt, t)).Where(w => w.Length >= 2).Distinct().OrderByDescending(w => w.Offset).ToList();
        var result = prompt;
        var changed = false;
        foreach (var word in words)
        {
            var text = result.Substring(word.Offset, word.Length);
            var replacement = kind switch
            {
                EvasionKind.Leetspeak => Leet(text),
                EvasionKind.SpacedLetters => Join(text, " "),
                EvasionKind.PunctuatedLetters => Join(text, "."),
                EvasionKind.Homoglyphs => Homoglyphs(text),
                EvasionKind.InvisibleCharacters => Invisible(text),
                EvasionKind.Emoji => emojiWords.Contains(text.ToLowerInvariant()) ? "\U0001F459" : null,
                EvasionKind.RepeatedLetters => Stretch(text),
                EvasionKind.Misspelling => text.Length >= FuzzyMatcher.MinimumLength + 1 ? Transpose(text) : null,
                _ => null,
            };
            if (replacement is null || replacement == text)
            {
                continue;
            }

            result = string.Concat(result.AsSpan(0, word.Offset), replacement, result.AsSpan(word.End));
            changed = true;
        }

        return changed ? result : null;
    }

    private static string? Changed(string before, string after) => before == after ? null : after;

    private static PromptSpan LongestWord(string prompt, PromptSpan span)
    {
        var best = new PromptSpan(span.Offset, 0);
        var i = span.Offset;
        while (i < span.End)
        {
            while (i < span.End && !char.IsLetter(prompt[i]))
            {
                i++;
            }

            var start = i;
            while (i < span.End && char.IsLetter(prompt[i]))
            {
                i++;
            }

            if (i - start > best.Length)
            {
                best = new PromptSpan(start, i - start);
            }
        }

        // A hit may cover part of a word (a prefix term): disguise the whole word.
        var wordStart = best.Offset;
        var wordEnd = best.End;
        while (wordStart > 0 && char.IsLetter(prompt[wordStart - 1]))
        {
            wordStart--;
        }

        while (wordEnd < prompt.Length && char.IsLetter(prompt[wordEnd]))
        {
            wordEnd++;
        }

        return new PromptSpan(wordStart, wordEnd - wordStart);
    }

    /// <summary>First letter kept: evaders disguise the inside of a word so it still reads.</summary>
    private static string Leet(string word)
    {
        var builder = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            builder.Append(i == 0 ? c : char.ToLowerInvariant(c) switch
            {
                'a' => '4',
                'e' => '3',
                'i' => '1',
                'o' => '0',
                's' => '5',
                't' => '7',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static string? Join(string word, string separator) =>
        word.Length < 3 || !word.All(char.IsLetter) ? null : string.Join(separator, word.EnumerateRunes().Select(r => r.ToString()));

    /// <summary>Every other replaceable letter becomes its Cyrillic twin, so the word mixes scripts as real attacks do.</summary>
    private static string Homoglyphs(string word)
    {
        var builder = new StringBuilder(word.Length);
        var replaced = 0;
        foreach (var c in word)
        {
            char twin = c switch
            {
                'a' => 'а',
                'c' => 'с',
                'e' => 'е',
                'o' => 'о',
                'p' => 'р',
                'x' => 'х',
                'y' => 'у',
                'i' => 'і',
                's' => 'ѕ',
                _ => c,
            };
            if (twin != c && replaced++ % 2 == 0)
            {
                builder.Append(twin);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Invisible(string word)
    {
        var builder = new StringBuilder(word.Length * 2);
        for (var i = 0; i < word.Length; i++)
        {
            builder.Append(word[i]);
            if (i + 1 < word.Length && !char.IsHighSurrogate(word[i]))
            {
                builder.Append(s_invisibles[i % s_invisibles.Length]);
            }
        }

        return builder.ToString();
    }

    private static string? Stretch(string word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if ("aeiouy".Contains(char.ToLowerInvariant(word[i]), StringComparison.Ordinal))
            {
                return string.Concat(word.AsSpan(0, i), new string(word[i], 4), word.AsSpan(i + 1));
            }
        }

        return null;
    }

    private static string Transpose(string word)
    {
        var chars = word.ToCharArray();
        var middle = chars.Length / 2;
        if (chars[middle] == chars[middle + 1])
        {
            middle--;
        }

        (chars[middle], chars[middle + 1]) = (chars[middle + 1], chars[middle]);
        return new string(chars);
    }

    private static string DropDiacritics(string text)
    {
        // Accents on Latin, Greek and Cyrillic letters, as people drop them; Devanagari vowel signs are letters, not accents.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var previousIsAlphabet = false;
        foreach (var c in decomposed)
        {
            var isMark = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
            if (!(isMark && previousIsAlphabet))
            {
                builder.Append(c);
            }

            if (!isMark)
            {
                previousIsAlphabet = c < 0x0530;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string AlternateCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var upper = false;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                upper = !upper;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
