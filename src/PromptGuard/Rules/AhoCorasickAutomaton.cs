using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>
/// Finds every lexicon term in one pass over the normalized text, in time linear in its length
/// whatever the number of terms (no backtracking). Built once; read-only and thread-safe afterwards.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    private const int RootTableSize = 0x3100;

    private readonly int[] _rootTable;
    private readonly int[] _edgeStart;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;
    private readonly int[] _fail;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;
    private readonly LexiconTerm[] _terms;

    public AhoCorasickAutomaton(IReadOnlyList<LexiconTerm> terms)
    {
        _terms = terms.ToArray();
        var children = new List<Dictionary<char, int>> { new() };
        var termsAt = new List<List<int>> { new() };
        for (var t = 0; t < _terms.Length; t++)
        {
            var node = 0;
            foreach (var c in _terms[t].Text)
            {
                if (!children[node].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children[node][c] = next;
                    children.Add(new Dictionary<char, int>());
                    termsAt.Add(new List<int>());
                }

                node = next;
            }

            termsAt[node].Add(t);
        }

        var count = children.Count;
        _fail = new int[count];
        var order = new List<int>(count) { 0 };
        for (var head = 0; head < order.Count; head++)
        {
            var node = order[head];
            foreach (var (c, child) in children[node])
            {
                order.Add(child);
                if (node == 0)
                {
                    _fail[child] = 0;
                    continue;
                }

                var f = _fail[node];
                while (f != 0 && !children[f].ContainsKey(c))
                {
                    f = _fail[f];
                }

                _fail[child] = children[f].TryGetValue(c, out var target) && target != child ? target : 0;
            }
        }

        // Outputs include those reachable by failure links, so matching never walks the chain.
        var allOutputs = new List<int>[count];
        foreach (var node in order)
        {
            var list = new List<int>(termsAt[node]);
            if (node != 0)
            {
                list.AddRange(allOutputs[_fail[node]]);
            }

            allOutputs[node] = list;
        }

        _outputStart = new int[count + 1];
        var flat = new List<int>();
        for (var n = 0; n < count; n++)
        {
            _outputStart[n] = flat.Count;
            flat.AddRange(allOutputs[n]);
        }

        _outputStart[count] = flat.Count;
        _outputs = flat.ToArray();

        _edgeStart = new int[count + 1];
        var edgeChars = new List<char>();
        var edgeTargets = new List<int>();
        for (var n = 0; n < count; n++)
        {
            _edgeStart[n] = edgeChars.Count;
            foreach (var (c, child) in children[n].OrderBy(p => p.Key))
            {
                edgeChars.Add(c);
                edgeTargets.Add(child);
            }
        }

        _edgeStart[count] = edgeChars.Count;
        _edgeChars = edgeChars.ToArray();
        _edgeTargets = edgeTargets.ToArray();

        _rootTable = new int[RootTableSize];
        foreach (var (c, child) in children[0])
        {
            if (c < RootTableSize)
            {
                _rootTable[c] = child;
            }
        }

        NodeCount = count;
    }

    public int NodeCount { get; }

    public IReadOnlyList<LexiconTerm> Terms => _terms;

    /// <summary>Appends every term occurrence whose boundaries fit its match mode.</summary>
    public void FindAll(ReadOnlySpan<char> text, ReadOnlySpan<byte> runs, List<ConceptHit> hits) => FindAll(text, runs, default, hits);

    /// <param name="text">The normalized text.</param>
    /// <param name="runs">How many identical letters each character stands for.</param>
    /// <param name="joined">Characters of spaced-out words that were joined: word boundaries inside them are unknown.</param>
    /// <param name="hits">Where the hits go.</param>
    public void FindAll(ReadOnlySpan<char> text, ReadOnlySpan<byte> runs, ReadOnlySpan<bool> joined, List<ConceptHit> hits)
    {
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            state = Step(state, c);
            if (state == 0)
            {
                continue;
            }

            for (var o = _outputStart[state]; o < _outputStart[state + 1]; o++)
            {
                var termId = _outputs[o];
                var term = _terms[termId];
                var start = i + 1 - term.Text.Length;
                var end = i + 1;
                if (FitsBoundaries(text, joined, start, end, term) && (term.Runs is null || runs.Length < end || term.RunsFit(runs[start..end])))
                {
                    hits.Add(new ConceptHit(term.ConceptId, termId, start, end));
                }
            }
        }
    }

    private int Step(int state, char c)
    {
        while (true)
        {
            if (state == 0)
            {
                return c < RootTableSize ? _rootTable[c] : FindEdge(0, c);
            }

            var next = FindEdge(state, c);
            if (next > 0)
            {
                return next;
            }

            state = _fail[state];
        }
    }

    private int FindEdge(int node, char c)
    {
        int lo = _edgeStart[node], hi = _edgeStart[node + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = _edgeChars[mid];
            if (m == c)
            {
                return _edgeTargets[mid];
            }

            if (m < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// Boundaries as the term's mode wants them. Inside letters that were spaced out and joined ("hertopless") the
    /// word boundaries are unknown, so an edge that falls inside such a run counts as a boundary for terms of
    /// three letters or more (shorter ones would be found everywhere in it).
    /// </summary>
    /// <summary>Latin glued to kana, Han, Hangul, Arabic or Devanagari ("nudeにして", "换lingerie") is two words: the script change is the boundary.</summary>
    private static bool ScriptChanges(char a, char b) => ScriptClass(a) != ScriptClass(b);

    private static int ScriptClass(char c) => c switch
    {
        >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => 1,
        >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' => 2,
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' => 3,
        >= '\u0900' and <= '\u097F' => 4,
        _ => 0,
    };

    private static bool FitsBoundaries(ReadOnlySpan<char> text, ReadOnlySpan<bool> joined, int start, int end, LexiconTerm term)
    {
        var inJoinedRun = joined.Length >= end && end - start >= 3 && !term.ExactBoundaries;
        var leftOk = start == 0 || !TextNormalizer.IsWordChar(text[start - 1]) || !TextNormalizer.IsWordChar(text[start])
            || ScriptChanges(text[start - 1], text[start])
            || (inJoinedRun && joined[start] && joined[start - 1]);
        var rightOk = end == text.Length || !TextNormalizer.IsWordChar(text[end]) || !TextNormalizer.IsWordChar(text[end - 1])
            || ScriptChanges(text[end - 1], text[end])
            || (inJoinedRun && joined[end - 1] && end < joined.Length && joined[end]);
        return term.Mode switch
        {
            TermMatchMode.Word => leftOk && rightOk,
            TermMatchMode.Prefix => leftOk,
            TermMatchMode.Suffix => rightOk,
            _ => true,
        };
    }
}
