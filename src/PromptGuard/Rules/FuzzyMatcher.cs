using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>
/// Finds lexicon terms misspelled by one edit: two neighbouring letters swapped ("topelss", "lingeire") for any
/// term, and also a letter added, dropped or replaced for names ("scarlet johanson", "billie ellish"). Symmetric-delete lookup: each term and each of its one-letter deletions is a key, and
/// each word (or run of up to three words) of the prompt is looked up the same way, so the cost is a few hash
/// lookups per word whatever the lexicon size.
/// </summary>
/// <remarks>
/// Only terms of at least <see cref="MinimumLength"/> letters take part: shorter words have too many ordinary
/// neighbours ("string"/"strong", "naked"/"named").
/// </remarks>
internal sealed class FuzzyMatcher
{
    /// <summary>Shortest term (after doubled letters collapse) that takes part.</summary>
    public const int MinimumLength = 6;

    /// <summary>
    /// Shortest name for which a letter added, dropped or replaced also counts ("scarlet johanson"). Other words only
    /// match with two neighbours swapped ("topelss"): one replaced letter turns too many ordinary words into lexicon
    /// words ("fighter"/"tighter", "setting"/"sexting", "in the bus"/"in the buff", "tongs"/"thongs").
    /// </summary>
    public const int AnyEditNameLength = 8;

    internal enum Edits
    {
        Swap,
        Any,
    }

    private const int MaximumWords = 3;
    private const int MaximumLength = 48;

    private readonly Dictionary<string, int[]> _candidates;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int[] _prefixLengths;
    private readonly IReadOnlyList<LexiconTerm> _terms;
    private readonly int _namedPersonConcept;

    public FuzzyMatcher(IReadOnlyList<LexiconTerm> terms, int namedPersonConcept)
    {
        _terms = terms;
        _namedPersonConcept = namedPersonConcept;
        var candidates = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var prefixCandidates = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            if (!IsEligible(term))
            {
                continue;
            }

            var target = term.Mode == TermMatchMode.Prefix ? prefixCandidates : candidates;
            Add(target, term.Text, t);
            for (var i = 0; i < term.Text.Length; i++)
            {
                Add(target, string.Concat(term.Text.AsSpan(0, i), term.Text.AsSpan(i + 1)), t);
            }
        }

        _candidates = candidates.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal);
        _lookup = _candidates.GetAlternateLookup<ReadOnlySpan<char>>();
        var prefixes = prefixCandidates.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal);
        _prefixLookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLengths = prefixes.Values.SelectMany(ids => ids).Distinct().Select(id => terms[id].Text.Length).Distinct().Order().ToArray();
        KeyCount = _candidates.Count + prefixes.Count;
    }

    public int KeyCount { get; }

    /// <summary>Appends hits for words within one edit of a term, skipping concepts already hit exactly at that place.</summary>
    public void FindAll(string text, List<ConceptHit> hits)
    {
        if (KeyCount == 0)
        {
            return;
        }

        Span<char> buffer = stackalloc char[MaximumLength];
        var wordStart = 0;
        while (wordStart < text.Length)
        {
            while (wordStart < text.Length && !TextNormalizer.IsWordChar(text[wordStart]))
            {
                wordStart++;
            }

            if (wordStart >= text.Length)
            {
                break;
            }

            var end = wordStart;
            for (var words = 1; words <= MaximumWords && end < text.Length; words++)
            {
                while (end < text.Length && TextNormalizer.IsWordChar(text[end]))
                {
                    end++;
                }

                var length = end - wordStart;
                if (length > MaximumLength)
                {
                    break;
                }

                if (length >= MinimumLength - 1)
                {
                    Probe(text, wordStart, end, buffer, hits);
                    if (words == 1)
                    {
                        ProbePrefixes(text, wordStart, end, buffer, hits);
                    }
                }

                // The next window adds one more word only across a single space or hyphen ("sous-vêtements").
                if (end >= text.Length || text[end] is not (' ' or '-') || end + 1 >= text.Length || !TextNormalizer.IsWordChar(text[end + 1]))
                {
                    break;
                }

                end++;
            }

            while (wordStart < text.Length && TextNormalizer.IsWordChar(text[wordStart]))
            {
                wordStart++;
            }
        }
    }

    private void Probe(string text, int start, int end, Span<char> buffer, List<ConceptHit> hits)
    {
        var word = text.AsSpan(start, end - start);
        ProbeKey(word, word, start, end, hits);
        for (var i = 0; i < word.Length; i++)
        {
            word[..i].CopyTo(buffer);
            word[(i + 1)..].CopyTo(buffer[i..]);
            ProbeKey(buffer[..(word.Length - 1)], word, start, end, hits);
        }
    }

    /// <summary>Prefix terms ("deshabil*") are compared with the start of the word, one letter shorter, as long, or longer.</summary>
    private void ProbePrefixes(string text, int start, int end, Span<char> buffer, List<ConceptHit> hits)
    {
        var word = text.AsSpan(start, end - start);
        foreach (var length in _prefixLengths)
        {
            for (var size = length - 1; size <= length + 1; size++)
            {
                if (size > word.Length || size < MinimumLength - 1)
                {
                    continue;
                }

                var head = word[..size];
                ProbeKey(_prefixLookup, head, head, start, end, hits);
                for (var i = 0; i < head.Length; i++)
                {
                    head[..i].CopyTo(buffer);
                    head[(i + 1)..].CopyTo(buffer[i..]);
                    ProbeKey(_prefixLookup, buffer[..(head.Length - 1)], head, start, end, hits);
                }
            }
        }
    }

    private void ProbeKey(ReadOnlySpan<char> key, ReadOnlySpan<char> word, int start, int end, List<ConceptHit> hits) =>
        ProbeKey(_lookup, key, word, start, end, hits);

    private void ProbeKey(Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> key, ReadOnlySpan<char> word, int start, int end, List<ConceptHit> hits)
    {
        if (!lookup.TryGetValue(key, out var termIds))
        {
            return;
        }

        foreach (var termId in termIds)
        {
            var term = _terms[termId];
            if (word.SequenceEqual(term.Text) || !WithinOneEdit(word, term.Text, AllowedEdits(term)) || AlreadyHit(hits, term.ConceptId, start, end))
            {
                continue;
            }

            hits.Add(new ConceptHit(term.ConceptId, termId, start, end, Approximate: true));
        }
    }

    private static bool AlreadyHit(List<ConceptHit> hits, int concept, int start, int end)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (hit.ConceptId == concept && hit.Start < end && start < hit.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Optimal string alignment distance of at most one (insert, delete, replace, or swap of neighbours).</summary>
    internal static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b, Edits edits = Edits.Any)
    {
        if (Math.Abs(a.Length - b.Length) > (edits == Edits.Swap ? 0 : 1))
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var ra = a[prefix..];
        var rb = b[prefix..];
        if (ra.Length == rb.Length)
        {
            return ra.Length == 0
                || (edits == Edits.Any && ra[1..].SequenceEqual(rb[1..]))
                || (ra.Length >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..].SequenceEqual(rb[2..]));
        }

        return ra.Length > rb.Length ? ra[1..].SequenceEqual(rb) : rb[1..].SequenceEqual(ra);
    }

    /// <summary>
    /// Names of eight letters or more take any one edit; other words only two swapped neighbours: a letter added or
    /// dropped turns ordinary words into lexicon words too often ("vestita"/"svestita", "old photo"/"bold photo").
    /// </summary>
    private Edits AllowedEdits(LexiconTerm term) =>
        term.ConceptId == _namedPersonConcept && term.Text.Length >= AnyEditNameLength ? Edits.Any : Edits.Swap;

    private static bool IsEligible(LexiconTerm term) =>
        term.Mode is TermMatchMode.Word or TermMatchMode.Prefix
        && term.Text.Length >= MinimumLength
        && term.Text.Length <= MaximumLength
        && term.Text.All(c => c is ' ' or '-' || (TextNormalizer.IsWordChar(c) && !char.IsDigit(c) && !IsSpaceless(c)));

    /// <summary>Han, kana and Hangul carry a word in two or three characters: one edit there is another word.</summary>
    private static bool IsSpaceless(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uAC00' and <= '\uD7A3';

    private static void Add(Dictionary<string, List<int>> candidates, string key, int termId)
    {
        if (!candidates.TryGetValue(key, out var list))
        {
            list = [];
            candidates[key] = list;
        }

        list.Add(termId);
    }
}
