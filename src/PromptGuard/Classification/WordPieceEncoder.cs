using System.Runtime.CompilerServices;

namespace PromptGuard.Classification;

/// <summary>
/// The ids <see cref="Microsoft.ML.Tokenizers.WordPieceTokenizer"/> gives (no normalizer, its default whitespace
/// pre-tokenizer), without what it costs per prompt: a new list, an iterator over regex matches, and up to one
/// dictionary lookup per candidate piece (each candidate copied behind the "##" prefix first). Screening featurizes
/// every prompt, so this runs on the hot path; the library stays in <see cref="SubwordVocabulary"/> as the reference
/// the tests hold this to, id for id.
/// </summary>
/// <remarks>
/// The library's behaviour, reproduced exactly: words are the runs of <c>\S+</c>, and .NET's <c>\s</c> is
/// <see cref="char.IsWhiteSpace(char)"/>, so punctuation, CJK and everything else stay inside the word; nothing is
/// lower-cased, folded or split further. A word longer than the maximum (in UTF-16 code units) is one unknown id.
/// Otherwise the longest vocabulary entry that starts the word is taken, then the longest "##"-prefixed entry that
/// continues it, and so on (pieces end at any code unit, even inside a surrogate pair); a word with a position no
/// entry matches is one unknown id, whatever matched before it. The longest match is found by walking a trie of the
/// entries, which gives the same piece as the library's shrinking-substring lookups.
/// </remarks>
internal sealed class WordPieceEncoder
{
    private const int NoNode = -1;
    private const int NoToken = -1;

    /// <summary>Fibonacci hashing spreads the (node, char) keys, which are dense in both halves.</summary>
    private const ulong HashMultiplier = 0x9E3779B97F4A7C15UL;

    // The trie: node 0 is the root; a node's id is the vocabulary entry spelled by the path to it, or NoToken.
    private readonly int[] _tokenOf;

    // The trie's edges in one open-addressing table: key ((parent + 1) << 16 | char), never 0, so 0 marks a free slot.
    private readonly ulong[] _edgeKeys;
    private readonly int[] _edgeTargets;
    private readonly int _edgeMask;
    private readonly int _edgeShift;

    // Where continuation pieces start: the node spelling the prefix, or NoNode when no entry begins with it.
    private readonly int _continuationRoot;
    private readonly int _unknownId;
    private readonly int _maximumWordLength;

    /// <param name="vocabulary">Each entry with its id, as the library numbers them (its line in the file).</param>
    /// <param name="unknownId">The id a word gets when it cannot be spelled from the vocabulary.</param>
    /// <param name="continuingSubwordPrefix">What marks a piece that continues a word ("##").</param>
    /// <param name="maximumWordLength">Longer words are unknown without being looked at.</param>
    /// <exception cref="ArgumentException">An entry is empty or appears twice (the library refuses both too).</exception>
    public WordPieceEncoder(IEnumerable<(string Piece, int Id)> vocabulary, int unknownId, string continuingSubwordPrefix, int maximumWordLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(continuingSubwordPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumWordLength);

        var tokens = new List<int> { NoToken };
        var edges = new Dictionary<ulong, int>();
        foreach (var (piece, id) in vocabulary)
        {
            if (string.IsNullOrEmpty(piece))
            {
                throw new ArgumentException("A vocabulary entry is empty.", nameof(vocabulary));
            }

            var node = 0;
            foreach (var c in piece)
            {
                var key = EdgeKey(node, c);
                if (!edges.TryGetValue(key, out var child))
                {
                    child = tokens.Count;
                    tokens.Add(NoToken);
                    edges.Add(key, child);
                }

                node = child;
            }

            if (tokens[node] != NoToken)
            {
                throw new ArgumentException($"The vocabulary entry '{piece}' appears twice.", nameof(vocabulary));
            }

            tokens[node] = id;
        }

        _tokenOf = [.. tokens];

        // At most half full, so a miss ends after a probe or two.
        var bits = Math.Max(4, 64 - (int)ulong.LeadingZeroCount((ulong)edges.Count * 2));
        _edgeKeys = new ulong[1 << bits];
        _edgeTargets = new int[1 << bits];
        _edgeMask = (1 << bits) - 1;
        _edgeShift = 64 - bits;
        foreach (var (key, child) in edges)
        {
            var slot = Slot(key);
            while (_edgeKeys[slot] != 0)
            {
                slot = (slot + 1) & _edgeMask;
            }

            _edgeKeys[slot] = key;
            _edgeTargets[slot] = child;
        }

        var root = 0;
        foreach (var c in continuingSubwordPrefix)
        {
            root = Child(root, c);
            if (root == NoNode)
            {
                break;
            }
        }

        _continuationRoot = root;
        _unknownId = unknownId;
        _maximumWordLength = maximumWordLength;
    }

    /// <summary>Encodes into the caller's buffer, so a warm caller allocates nothing.</summary>
    /// <param name="text">Any text; the pre-tokenizer splits it at white space only.</param>
    /// <param name="ids">At least as long as <paramref name="text"/>: every id covers one code unit or more.</param>
    /// <returns>How many ids were written to the start of <paramref name="ids"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Encode(ReadOnlySpan<char> text, Span<int> ids)
    {
        if (ids.Length < text.Length)
        {
            throw new ArgumentException("The id buffer must be at least as long as the text.", nameof(ids));
        }

        var count = 0;
        var position = 0;
        while (position < text.Length)
        {
            if (char.IsWhiteSpace(text[position]))
            {
                position++;
                continue;
            }

            var start = position;
            do
            {
                position++;
            }
            while (position < text.Length && !char.IsWhiteSpace(text[position]));

            count += EncodeWord(text[start..position], ids[count..]);
        }

        return count;
    }

    private static ulong EdgeKey(int parent, char c) => ((ulong)(uint)(parent + 1) << 16) | c;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EncodeWord(ReadOnlySpan<char> word, Span<int> ids)
    {
        if (word.Length > _maximumWordLength)
        {
            ids[0] = _unknownId;
            return 1;
        }

        var count = 0;
        var start = 0;
        var root = 0;
        while (start < word.Length)
        {
            if (root == NoNode)
            {
                ids[0] = _unknownId;
                return 1;
            }

            var node = root;
            var token = NoToken;
            var end = start;
            for (var i = start; i < word.Length; i++)
            {
                node = Child(node, word[i]);
                if (node == NoNode)
                {
                    break;
                }

                if (_tokenOf[node] != NoToken)
                {
                    token = _tokenOf[node];
                    end = i + 1;
                }
            }

            if (token == NoToken)
            {
                ids[0] = _unknownId;
                return 1;
            }

            ids[count++] = token;
            start = end;
            root = _continuationRoot;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Child(int node, char c)
    {
        var key = EdgeKey(node, c);
        var slot = Slot(key);
        while (true)
        {
            var found = _edgeKeys[slot];
            if (found == key)
            {
                return _edgeTargets[slot];
            }

            if (found == 0)
            {
                return NoNode;
            }

            slot = (slot + 1) & _edgeMask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * HashMultiplier) >> _edgeShift);
}
