using System.Runtime.CompilerServices;
using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>
/// Finds lexicon terms misspelled by one edit: two neighbouring letters swapped ("topelss", "lingeire") for any
/// term, and also a letter added, dropped or replaced for names ("scarlet johanson", "billie ellish").
/// </summary>
/// <remarks>
/// <para>
/// Only terms of at least <see cref="MinimumLength"/> letters take part: shorter words have too many ordinary
/// neighbours ("string"/"strong", "naked"/"named").
/// </para>
/// <para>
/// Two indexes keep the cost at a few table probes per word, whatever the lexicon size, with no allocation:
/// a swap keeps a word's letters, so every term is filed once under an order-free hash of its letters (an anagram
/// key), and a word of the prompt is probed with the same key; names, which take any one edit, are filed under a
/// positional hash of themselves and of each of their one-letter deletions, and a word is probed with its own hash
/// and those of its deletions (symmetric deletion, each deletion hash computed in constant time from prefix hashes).
/// Every candidate is then checked letter by letter, so a hash collision costs time, never a wrong hit.
/// </para>
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
    private const ulong PositionalBase = 0x100000001B3UL;
    private static readonly ulong[] s_powers = Powers(MaximumLength + 2);

    private readonly HashPostings _anagrams;
    private readonly HashPostings _prefixAnagrams;
    private readonly HashPostings _names;
    private readonly int[] _prefixLengths;
    private readonly IReadOnlyList<LexiconTerm> _terms;
    private readonly int _namedPersonConcept;
    private readonly int _shortestName;
    private readonly int _longestName;
    private readonly int _longestTerm;

    public FuzzyMatcher(IReadOnlyList<LexiconTerm> terms, int namedPersonConcept)
    {
        _terms = terms;
        _namedPersonConcept = namedPersonConcept;
        var anagrams = new List<(ulong Key, int TermId)>();
        var prefixAnagrams = new List<(ulong Key, int TermId)>();
        var names = new List<(ulong Key, int TermId)>();
        var prefixLengths = new SortedSet<int>();
        _shortestName = int.MaxValue;
        Span<ulong> prefixHashes = stackalloc ulong[MaximumLength + 1];
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            if (!IsEligible(term))
            {
                continue;
            }

            var text = term.Text.AsSpan();
            if (term.Mode == TermMatchMode.Prefix)
            {
                prefixAnagrams.Add((AnagramKey(text), t));
                prefixLengths.Add(text.Length);
                continue;
            }

            anagrams.Add((AnagramKey(text), t));
            if (AllowedEdits(term) == Edits.Any)
            {
                var whole = PrefixHashes(text, prefixHashes);
                names.Add((whole, t));
                for (var i = 0; i < text.Length; i++)
                {
                    names.Add((DeletionHash(prefixHashes, text.Length, i), t));
                }

                _shortestName = Math.Min(_shortestName, text.Length);
                _longestName = Math.Max(_longestName, text.Length);
            }
        }

        _anagrams = new HashPostings(anagrams);
        _prefixAnagrams = new HashPostings(prefixAnagrams);
        _names = new HashPostings(names);
        _prefixLengths = prefixLengths.ToArray();
        _longestTerm = terms.Count == 0 ? 0 : terms.Max(t => t.Text.Length);
        KeyCount = _anagrams.KeyCount + _prefixAnagrams.KeyCount + _names.KeyCount;
    }

    /// <summary>Number of distinct keys in the indexes (a measure of their memory).</summary>
    public int KeyCount { get; }

    private FuzzyMatcher(IReadOnlyList<LexiconTerm> terms, int namedPersonConcept, HashPostings anagrams, HashPostings prefixAnagrams, HashPostings names, int[] prefixLengths, int shortestName, int longestName)
    {
        _terms = terms;
        _namedPersonConcept = namedPersonConcept;
        _anagrams = anagrams;
        _prefixAnagrams = prefixAnagrams;
        _names = names;
        _prefixLengths = prefixLengths;
        _shortestName = shortestName;
        _longestName = longestName;
        _longestTerm = terms.Count == 0 ? 0 : terms.Max(t => t.Text.Length);
        KeyCount = _anagrams.KeyCount + _prefixAnagrams.KeyCount + _names.KeyCount;
    }

    /// <summary>Writes the indexes (not the terms) for the compiled rules snapshot.</summary>
    internal void WriteTables(BinaryWriter writer)
    {
        _anagrams.Write(writer);
        _prefixAnagrams.Write(writer);
        _names.Write(writer);
        SnapshotArrays.Write(writer, _prefixLengths);
        writer.Write(_shortestName);
        writer.Write(_longestName);
    }

    /// <summary>Restores indexes written by <see cref="WriteTables"/> over the same terms.</summary>
    /// <exception cref="InvalidDataException">The tables are inconsistent (a corrupt snapshot).</exception>
    internal static FuzzyMatcher ReadTables(BinaryReader reader, IReadOnlyList<LexiconTerm> terms, int namedPersonConcept)
    {
        var anagrams = HashPostings.Read(reader, terms.Count);
        var prefixAnagrams = HashPostings.Read(reader, terms.Count);
        var names = HashPostings.Read(reader, terms.Count);
        var prefixLengths = SnapshotArrays.Read<int>(reader);
        var shortestName = reader.ReadInt32();
        var longestName = reader.ReadInt32();
        if (!prefixLengths.All(l => l is > 0 and <= MaximumLength))
        {
            throw new InvalidDataException("The misspelling index of the rules snapshot is inconsistent.");
        }

        return new FuzzyMatcher(terms, namedPersonConcept, anagrams, prefixAnagrams, names, prefixLengths, shortestName, longestName);
    }

    /// <summary>Appends hits for words within one edit of a term, skipping concepts already hit exactly at that place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FindAll(string text, List<ConceptHit> hits)
    {
        if (KeyCount == 0)
        {
            return;
        }

        Span<ulong> prefixHashes = stackalloc ulong[MaximumLength + 1];
        var seen = new SeenHits(hits, _longestTerm);
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
                    var window = text.AsSpan(wordStart, length);
                    Probe(_anagrams, AnagramKey(window), window, wordStart, end, ref seen);
                    if (length >= _shortestName - 1 && length <= _longestName + 1)
                    {
                        ProbeNames(window, wordStart, end, prefixHashes, ref seen);
                    }

                    if (words == 1)
                    {
                        ProbePrefixes(window, wordStart, end, ref seen);
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

    /// <summary>A name within one edit shares, with the window, either a whole string or a string less one letter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProbeNames(ReadOnlySpan<char> window, int start, int end, Span<ulong> prefixHashes, ref SeenHits seen)
    {
        var whole = PrefixHashes(window, prefixHashes);
        Probe(_names, whole, window, start, end, ref seen);
        for (var i = 0; i < window.Length; i++)
        {
            Probe(_names, DeletionHash(prefixHashes, window.Length, i), window, start, end, ref seen);
        }
    }

    /// <summary>Prefix terms ("deshabil*") are compared, letters swapped, with the start of the word as long as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProbePrefixes(ReadOnlySpan<char> word, int start, int end, ref SeenHits seen)
    {
        var key = 0UL;
        var next = 0;
        foreach (var length in _prefixLengths)
        {
            if (length > word.Length)
            {
                break;
            }

            for (; next < length; next++)
            {
                key += Mix(word[next]);
            }

            Probe(_prefixAnagrams, key + LengthSalt(length), word[..length], start, end, ref seen);
        }
    }

    private void Probe(HashPostings index, ulong key, ReadOnlySpan<char> word, int start, int end, ref SeenHits seen)
    {
        foreach (var termId in index.Find(key))
        {
            var term = _terms[termId];
            if (word.SequenceEqual(term.Text) || !WithinOneEdit(word, term.Text, AllowedEdits(term)) || seen.Overlaps(term.ConceptId, start, end))
            {
                continue;
            }

            seen.Hits.Add(new ConceptHit(term.ConceptId, termId, start, end, Approximate: true));
        }
    }

    /// <summary>
    /// Whether a concept was already hit over a span, without rescanning every hit (a long prompt has thousands):
    /// the exact hits arrive ordered by their end, the approximate ones by their start, and the spans probed move
    /// left to right, so each side keeps a cursor past the hits that end before the current span.
    /// </summary>
    private struct SeenHits
    {
        private readonly int _exactCount;
        private readonly bool _exactOrdered;
        private readonly int _longestTerm;
        private int _exactLow;
        private int _approximateLow;

        public SeenHits(List<ConceptHit> hits, int longestTerm)
        {
            Hits = hits;
            _exactCount = hits.Count;
            _longestTerm = longestTerm;
            _approximateLow = hits.Count;
            _exactOrdered = true;
            for (var i = 1; i < hits.Count && _exactOrdered; i++)
            {
                _exactOrdered = hits[i - 1].End <= hits[i].End;
            }
        }

        public List<ConceptHit> Hits { get; }

        public bool Overlaps(int concept, int start, int end)
        {
            if (!_exactOrdered)
            {
                return Scan(0, Hits.Count, concept, start, end);
            }

            while (_exactLow < _exactCount && Hits[_exactLow].End <= start)
            {
                _exactLow++;
            }

            // Sorted by end: once a hit ends a whole term-length past this span's end, it and the rest start after it.
            for (var i = _exactLow; i < _exactCount && Hits[i].End - _longestTerm < end; i++)
            {
                var hit = Hits[i];
                if (hit.ConceptId == concept && hit.Start < end)
                {
                    return true;
                }
            }

            while (_approximateLow < Hits.Count && Hits[_approximateLow].Start + MaximumLength < start)
            {
                _approximateLow++;
            }

            return Scan(_approximateLow, Hits.Count, concept, start, end);
        }

        private readonly bool Scan(int from, int to, int concept, int start, int end)
        {
            for (var i = from; i < to; i++)
            {
                var hit = Hits[i];
                if (hit.ConceptId == concept && hit.Start < end && start < hit.End)
                {
                    return true;
                }
            }

            return false;
        }
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

    /// <summary>The same for any order of the same letters: swapped neighbours keep it.</summary>
    private static ulong AnagramKey(ReadOnlySpan<char> text)
    {
        var key = 0UL;
        foreach (var c in text)
        {
            key += Mix(c);
        }

        return key + LengthSalt(text.Length);
    }

    private static ulong LengthSalt(int length) => Mix((char)0) * (ulong)(length + 1);

    /// <summary>SplitMix64's finalizer: spreads a letter over 64 bits so sums of different letters rarely meet.</summary>
    private static ulong Mix(char c)
    {
        var z = c + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Fills <paramref name="prefixHashes"/>[i] with the positional hash of text[..i] and returns the whole text's.</summary>
    private static ulong PrefixHashes(ReadOnlySpan<char> text, Span<ulong> prefixHashes)
    {
        var hash = 0UL;
        prefixHashes[0] = 0;
        for (var i = 0; i < text.Length; i++)
        {
            hash = (hash * PositionalBase) + text[i] + 1;
            prefixHashes[i + 1] = hash;
        }

        return hash;
    }

    /// <summary>The positional hash of the text less its letter at <paramref name="index"/>, from its prefix hashes.</summary>
    private static ulong DeletionHash(ReadOnlySpan<ulong> prefixHashes, int length, int index)
    {
        var suffixLength = length - index - 1;
        var suffix = prefixHashes[length] - (prefixHashes[index + 1] * s_powers[suffixLength]);
        return (prefixHashes[index] * s_powers[suffixLength]) + suffix;
    }

    private static ulong[] Powers(int count)
    {
        var powers = new ulong[count];
        powers[0] = 1;
        for (var i = 1; i < count; i++)
        {
            powers[i] = powers[i - 1] * PositionalBase;
        }

        return powers;
    }

    /// <summary>Term ids filed under 64-bit keys: an open-addressing table over sorted postings, read-only once built.</summary>
    private sealed class HashPostings
    {
        private readonly ulong[] _keys;
        private readonly int[] _slots;
        private readonly int[] _postingStart;
        private readonly int[] _postings;
        private readonly int _shift;

        // One bit per 1/16th of a key: most probes miss, and this answers them from a table small enough for the cache.
        private readonly ulong[] _filter;
        private readonly int _filterShift;

        /// <summary>
        /// The entries by key, and by term within a key: a stable radix sort of keys added in term order. The framework's
        /// sort over tuples is generic code a ReadyToRun image does not hold, so a cold process would run it unoptimized.
        /// </summary>
        private static (ulong[] Keys, int[] Terms) SortByKey(List<(ulong Key, int TermId)> entries)
        {
            var count = entries.Count;
            var keys = new ulong[count];
            var terms = new int[count];
            for (var i = 0; i < count; i++)
            {
                (keys[i], terms[i]) = entries[i];
                if (i > 0 && terms[i] < terms[i - 1])
                {
                    throw new InvalidOperationException("Index entries must be added in term order.");
                }
            }

            var otherKeys = new ulong[count];
            var otherTerms = new int[count];
            Span<int> offsets = stackalloc int[257];
            for (var shift = 0; shift < 64; shift += 8)
            {
                offsets.Clear();
                foreach (var key in keys)
                {
                    offsets[(int)((key >> shift) & 0xFF) + 1]++;
                }

                for (var b = 1; b < offsets.Length; b++)
                {
                    offsets[b] += offsets[b - 1];
                }

                for (var i = 0; i < count; i++)
                {
                    var target = offsets[(int)((keys[i] >> shift) & 0xFF)]++;
                    otherKeys[target] = keys[i];
                    otherTerms[target] = terms[i];
                }

                (keys, otherKeys) = (otherKeys, keys);
                (terms, otherTerms) = (otherTerms, terms);
            }

            return (keys, terms);
        }

        public HashPostings(List<(ulong Key, int TermId)> entries)
        {
            var (sortedKeys, sortedTerms) = SortByKey(entries);
            var keys = new List<ulong>();
            var starts = new List<int>();
            var postings = new List<int>(entries.Count);
            for (var i = 0; i < sortedKeys.Length; i++)
            {
                if (i > 0 && sortedKeys[i] == sortedKeys[i - 1] && sortedTerms[i] == sortedTerms[i - 1])
                {
                    continue;
                }

                if (keys.Count == 0 || keys[^1] != sortedKeys[i])
                {
                    keys.Add(sortedKeys[i]);
                    starts.Add(postings.Count);
                }

                postings.Add(sortedTerms[i]);
            }

            starts.Add(postings.Count);
            _keys = keys.ToArray();
            _postingStart = starts.ToArray();
            _postings = postings.ToArray();
            (_slots, _shift, _filter, _filterShift) = BuildLookup(_keys);
        }

        private HashPostings(ulong[] keys, int[] postingStart, int[] postings)
        {
            _keys = keys;
            _postingStart = postingStart;
            _postings = postings;
            (_slots, _shift, _filter, _filterShift) = BuildLookup(_keys);
        }

        public void Write(BinaryWriter writer)
        {
            SnapshotArrays.Write(writer, _keys);
            SnapshotArrays.Write(writer, _postingStart);
            SnapshotArrays.Write(writer, _postings);
        }

        /// <exception cref="InvalidDataException">The tables are inconsistent (a corrupt snapshot).</exception>
        public static HashPostings Read(BinaryReader reader, int termCount)
        {
            var keys = SnapshotArrays.Read<ulong>(reader);
            var postingStart = SnapshotArrays.Read<int>(reader);
            var postings = SnapshotArrays.Read<int>(reader);
            var consistent = postingStart.Length == keys.Length + 1 && postingStart[0] == 0 && postingStart[^1] == postings.Length;
            for (var k = 1; consistent && k < keys.Length; k++)
            {
                consistent = keys[k] > keys[k - 1] && postingStart[k] > postingStart[k - 1];
            }

            consistent = consistent && (keys.Length == 0 || postingStart[^1] > postingStart[^2]);
            foreach (var posting in postings)
            {
                consistent &= (uint)posting < (uint)termCount;
            }

            return consistent ? new HashPostings(keys, postingStart, postings) : throw new InvalidDataException("The misspelling index of the rules snapshot is inconsistent.");
        }

        private static (int[] Slots, int Shift, ulong[] Filter, int FilterShift) BuildLookup(ulong[] keys)
        {
            var bits = 4;
            while ((1 << bits) < keys.Length * 2)
            {
                bits++;
            }

            var shift = 64 - bits;
            var slots = new int[1 << bits];
            for (var k = 0; k < keys.Length; k++)
            {
                var slot = Slot(keys[k], shift);
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & (slots.Length - 1);
                }

                slots[slot] = k + 1;
            }

            var filterBits = 10;
            while ((1 << filterBits) < keys.Length * 16)
            {
                filterBits++;
            }

            var filterShift = 64 - filterBits;
            var filter = new ulong[(1 << filterBits) / 64];
            foreach (var key in keys)
            {
                var bit = key >> filterShift;
                filter[bit >> 6] |= 1UL << (int)(bit & 63);
            }

            return (slots, shift, filter, filterShift);
        }

        public int KeyCount => _keys.Length;

        public ReadOnlySpan<int> Find(ulong key)
        {
            var bit = key >> _filterShift;
            if ((_filter[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return [];
            }

            var slot = Slot(key, _shift);
            while (true)
            {
                var k = _slots[slot] - 1;
                if (k < 0)
                {
                    return [];
                }

                if (_keys[k] == key)
                {
                    return _postings.AsSpan(_postingStart[k], _postingStart[k + 1] - _postingStart[k]);
                }

                slot = (slot + 1) & (_slots.Length - 1);
            }
        }

        // Fibonacci hashing: the keys' high bits are already well mixed, the multiply spreads the low ones too.
        private static int Slot(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);
    }
}
