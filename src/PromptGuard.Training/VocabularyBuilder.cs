using System.Text;
using System.Text.RegularExpressions;

namespace PromptGuard.Training;

/// <summary>
/// Builds the WordPiece vocabulary of the classifier from the normalized training texts: whole frequent words,
/// frequent word starts, frequent inner pieces ("##" continuations) and every character seen, so any word can be
/// spelled. Ordered by frequency then text, so the same corpus gives the same file.
/// </summary>
internal static partial class VocabularyBuilder
{
    public static string Build(IEnumerable<string> normalizedTexts, int words = 6000, int starts = 2000, int pieces = 3000)
    {
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in normalizedTexts)
        {
            foreach (Match match in PreToken().Matches(text))
            {
                wordCounts[match.Value] = wordCounts.GetValueOrDefault(match.Value) + 1;
            }
        }

        var startCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pieceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var characters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (word, count) in wordCounts)
        {
            var runes = word.EnumerateRunes().Select(r => r.ToString()).ToArray();
            foreach (var rune in runes)
            {
                characters.Add(rune);
            }

            for (var n = 2; n <= 5 && n < runes.Length; n++)
            {
                var start = string.Concat(runes.Take(n));
                startCounts[start] = startCounts.GetValueOrDefault(start) + count;
            }

            for (var i = 1; i < runes.Length; i++)
            {
                for (var n = 2; n <= 4 && i + n <= runes.Length; n++)
                {
                    var piece = "##" + string.Concat(runes.Skip(i).Take(n));
                    pieceCounts[piece] = pieceCounts.GetValueOrDefault(piece) + count;
                }
            }
        }

        var vocabulary = new List<string> { PromptGuard.Classification.SubwordVocabulary.Unknown };
        var seen = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        void AddTop(Dictionary<string, int> counts, int take, int minimum)
        {
            foreach (var (token, _) in counts.Where(p => p.Value >= minimum).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(take))
            {
                if (seen.Add(token))
                {
                    vocabulary.Add(token);
                }
            }
        }

        AddTop(wordCounts, words, 2);
        AddTop(startCounts, starts, 3);
        AddTop(pieceCounts, pieces, 3);
        foreach (var character in characters)
        {
            if (seen.Add(character))
            {
                vocabulary.Add(character);
            }

            if (seen.Add("##" + character))
            {
                vocabulary.Add("##" + character);
            }
        }

        var builder = new StringBuilder();
        foreach (var token in vocabulary)
        {
            builder.Append(token).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>What the whitespace pre-tokenizer of Microsoft.ML.Tokenizers splits: runs of word characters, runs of others.</summary>
    [GeneratedRegex(@"\w+|[^\w\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex PreToken();
}
