using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>
/// Finds every lexicon term in one pass over the normalized text, in time linear in its length
/// whatever the number of terms (no backtracking). Built once; read-only and thread-safe afterwards.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    // The tables matching reads, laid out so that a step touches few cache lines: a node's edges, failure link and
    // outputs in one struct, each edge's character beside its target, and what a boundary check needs of a term
    // beside the term's id (the term itself is read only for the rare short term whose doubled letters count).
    private readonly int[] _rootTable;
    private readonly Node[] _nodes;
    private readonly Edge[] _edges;
    private readonly Output[] _outputs;
    private readonly LexiconTerm[] _terms;

    public AhoCorasickAutomaton(IReadOnlyList<LexiconTerm> terms)
    {
        _terms = terms.ToArray();

        // One dictionary for every edge (node, char) and linked lists of children: tens of thousands of terms make
        // hundreds of thousands of nodes, and a dictionary per node made building the automaton the slowest part of loading.
        var edges = new Dictionary<long, int>();
        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var edgeChar = new List<char> { '\0' };
        var termsAt = new List<List<int>?> { null };
        for (var t = 0; t < _terms.Length; t++)
        {
            var node = 0;
            foreach (var c in _terms[t].Text)
            {
                var key = ((long)node << 16) | c;
                if (!edges.TryGetValue(key, out var next))
                {
                    next = firstChild.Count;
                    edges[key] = next;
                    firstChild.Add(-1);
                    nextSibling.Add(firstChild[node]);
                    firstChild[node] = next;
                    edgeChar.Add(c);
                    termsAt.Add(null);
                }

                node = next;
            }

            (termsAt[node] ??= []).Add(t);
        }

        var count = firstChild.Count;
        var fail = new int[count];
        var order = new int[count];
        var tail = 0;
        order[tail++] = 0;
        for (var head = 0; head < tail; head++)
        {
            var node = order[head];
            for (var child = firstChild[node]; child >= 0; child = nextSibling[child])
            {
                order[tail++] = child;
                if (node == 0)
                {
                    continue;
                }

                var c = edgeChar[child];
                var f = fail[node];
                int target;
                while (!edges.TryGetValue(((long)f << 16) | c, out target) && f != 0)
                {
                    f = fail[f];
                }

                fail[child] = edges.TryGetValue(((long)f << 16) | c, out target) && target != child ? target : 0;
            }
        }

        // Outputs include those reachable by failure links, so matching never walks the chain.
        var outputStart = new int[count + 1];
        var outputs = new List<int>();
        var outputsOf = new int[count][];
        foreach (var node in order)
        {
            var own = termsAt[node];
            var inherited = node == 0 ? [] : outputsOf[fail[node]];
            outputsOf[node] = own is null ? inherited : [.. own, .. inherited];
        }

        // Nodes are numbered depth first, each node's first child right after it: following a word along the trie then
        // reads memory in order, where numbering by insertion (or breadth first) made almost every step a cache miss in
        // megabytes of nodes. Matching the scan rows took 28% less time.
        order = DepthFirst(firstChild, nextSibling, count);
        var renumbered = new int[count];
        for (var n = 0; n < count; n++)
        {
            renumbered[order[n]] = n;
        }

        for (var n = 0; n < count; n++)
        {
            outputStart[n] = outputs.Count;
            outputs.AddRange(outputsOf[order[n]]);
        }

        outputStart[count] = outputs.Count;

        var edgeStart = new int[count + 1];
        var edgeChars = new char[count - 1];
        var edgeTargets = new int[count - 1];
        var e = 0;
        var scratch = new List<(char, int)>();
        for (var n = 0; n < count; n++)
        {
            edgeStart[n] = e;
            scratch.Clear();
            for (var child = firstChild[order[n]]; child >= 0; child = nextSibling[child])
            {
                scratch.Add((edgeChar[child], renumbered[child]));
            }

            scratch.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
            foreach (var (c, child) in scratch)
            {
                edgeChars[e] = c;
                edgeTargets[e] = child;
                e++;
            }
        }

        edgeStart[count] = e;
        var failOf = new int[count];
        for (var n = 0; n < count; n++)
        {
            failOf[n] = renumbered[fail[order[n]]];
        }

        fail = failOf;
        (_nodes, _edges, _outputs) = Lay(_terms, edgeStart, edgeChars, edgeTargets, fail, outputStart, outputs.ToArray());
        _rootTable = RootTable(_nodes[0], _edges);
        NodeCount = count;
    }

    /// <summary>
    /// The root's edges as a table over every UTF-16 code unit: matching returns to the root at almost every character,
    /// and in Han, kana or Hangul text a search among the root's thousands of children there cost a third of matching
    /// it. Built from the root's edges at load (256 KB), so snapshots do not carry it.
    /// </summary>
    private static int[] RootTable(Node root, Edge[] edges)
    {
        var table = new int[char.MaxValue + 1];
        for (var e = root.EdgeStart; e < root.EdgeEnd; e++)
        {
            table[edges[e].Char] = edges[e].Target;
        }

        return table;
    }

    public int NodeCount { get; }

    /// <summary>The nodes in depth-first preorder (the root first, then each child's subtree whole).</summary>
    private static int[] DepthFirst(List<int> firstChild, List<int> nextSibling, int count)
    {
        var order = new int[count];
        var stack = new Stack<int>();
        stack.Push(0);
        var next = 0;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            order[next++] = node;
            for (var child = firstChild[node]; child >= 0; child = nextSibling[child])
            {
                stack.Push(child);
            }
        }

        return order;
    }

    private readonly record struct Node(int EdgeStart, int EdgeEnd, int Fail, int OutputStart, int OutputEnd);

    private readonly record struct Edge(char Char, int Target);

    private readonly record struct Output(int TermId, int ConceptId, int Length, TermMatchMode Mode, bool HasRuns, bool ExactBoundaries);

    private AhoCorasickAutomaton(LexiconTerm[] terms, int[] edgeStart, char[] edgeChars, int[] edgeTargets, int[] fail, int[] outputStart, int[] outputs)
    {
        _terms = terms;
        (_nodes, _edges, _outputs) = Lay(terms, edgeStart, edgeChars, edgeTargets, fail, outputStart, outputs);
        _rootTable = RootTable(_nodes[0], _edges);
        NodeCount = fail.Length;
    }

    private static (Node[] Nodes, Edge[] Edges, Output[] Outputs) Lay(LexiconTerm[] terms, int[] edgeStart, char[] edgeChars, int[] edgeTargets, int[] fail, int[] outputStart, int[] outputs)
    {
        var nodes = new Node[fail.Length];
        for (var n = 0; n < nodes.Length; n++)
        {
            nodes[n] = new Node(edgeStart[n], edgeStart[n + 1], fail[n], outputStart[n], outputStart[n + 1]);
        }

        var edges = new Edge[edgeChars.Length];
        for (var e = 0; e < edges.Length; e++)
        {
            edges[e] = new Edge(edgeChars[e], edgeTargets[e]);
        }

        // Each term's output once, then copied where the term is an output: there are many times more outputs than
        // terms, and reading the term object again for each of them was a cache miss each.
        var ofTerm = new Output[terms.Length];
        for (var t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            ofTerm[t] = new Output(t, term.ConceptId, term.Text.Length, term.Mode, term.Runs is not null, term.ExactBoundaries);
        }

        var laid = new Output[outputs.Length];
        for (var o = 0; o < laid.Length; o++)
        {
            laid[o] = ofTerm[outputs[o]];
        }

        return (nodes, edges, laid);
    }

    /// <summary>Writes the built tables (not the terms) so a snapshot can restore the automaton without building it.</summary>
    internal void WriteTables(BinaryWriter writer)
    {
        SnapshotArrays.Write(writer, _nodes.Select(n => n.EdgeStart).Append(_edges.Length).ToArray());
        SnapshotArrays.Write(writer, _edges.Select(e => e.Char).ToArray());
        SnapshotArrays.Write(writer, _edges.Select(e => e.Target).ToArray());
        SnapshotArrays.Write(writer, _nodes.Select(n => n.Fail).ToArray());
        SnapshotArrays.Write(writer, _nodes.Select(n => n.OutputStart).Append(_outputs.Length).ToArray());
        SnapshotArrays.Write(writer, _outputs.Select(o => o.TermId).ToArray());
    }

    /// <summary>Restores an automaton written by <see cref="WriteTables"/> over the same terms.</summary>
    /// <exception cref="InvalidDataException">The tables are inconsistent (a corrupt snapshot).</exception>
    internal static AhoCorasickAutomaton ReadTables(BinaryReader reader, LexiconTerm[] terms)
    {
        var edgeStart = SnapshotArrays.Read<int>(reader);
        var edgeChars = SnapshotArrays.Read<char>(reader);
        var edgeTargets = SnapshotArrays.Read<int>(reader);
        var fail = SnapshotArrays.Read<int>(reader);
        var outputStart = SnapshotArrays.Read<int>(reader);
        var outputs = SnapshotArrays.Read<int>(reader);
        var nodes = fail.Length;

        // A snapshot is trusted only as far as these checks go: every index it holds stays inside its arrays.
        if (edgeStart.Length != nodes + 1 || outputStart.Length != nodes + 1
            || edgeChars.Length != edgeTargets.Length || edgeStart[nodes] != edgeChars.Length || outputStart[nodes] != outputs.Length
            || !AllWithin(edgeTargets, nodes) || !AllWithin(fail, nodes) || !AllWithin(outputs, terms.Length)
            || !Ascending(edgeStart) || !Ascending(outputStart))
        {
            throw new InvalidDataException("The automaton tables of the rules snapshot are inconsistent.");
        }

        return new AhoCorasickAutomaton(terms, edgeStart, edgeChars, edgeTargets, fail, outputStart, outputs);
    }

    private static bool AllWithin(int[] values, int limit)
    {
        foreach (var value in values)
        {
            if ((uint)value >= (uint)limit)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Ascending(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return values.Length == 0 || values[0] >= 0;
    }

    public IReadOnlyList<LexiconTerm> Terms => _terms;

    /// <summary>Appends every term occurrence whose boundaries fit its match mode.</summary>
    public void FindAll(ReadOnlySpan<char> text, ReadOnlySpan<byte> runs, List<ConceptHit> hits) => FindAll(text, runs, default, hits);

    /// <param name="text">The normalized text.</param>
    /// <param name="runs">How many identical letters each character stands for.</param>
    /// <param name="joined">Characters of spaced-out words that were joined: word boundaries inside them are unknown.</param>
    /// <param name="hits">Where the hits go.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FindAll(ReadOnlySpan<char> text, ReadOnlySpan<byte> runs, ReadOnlySpan<bool> joined, List<ConceptHit> hits)
    {
        var nodes = _nodes;
        var outputs = _outputs;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            state = Step(state, text[i]);
            if (state == 0)
            {
                continue;
            }

            var node = nodes[state];
            for (var o = node.OutputStart; o < node.OutputEnd; o++)
            {
                var output = outputs[o];
                var start = i + 1 - output.Length;
                var end = i + 1;
                if (FitsBoundaries(text, joined, start, end, output.Mode, output.ExactBoundaries)
                    && (!output.HasRuns || runs.Length < end || _terms[output.TermId].RunsFit(runs[start..end])))
                {
                    hits.Add(new ConceptHit(output.ConceptId, output.TermId, start, end));
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(int state, char c)
    {
        while (true)
        {
            if (state == 0)
            {
                return _rootTable[c];
            }

            var next = FindEdge(state, c);
            if (next > 0)
            {
                return next;
            }

            state = _nodes[state].Fail;
        }
    }

    private int FindEdge(int node, char c)
    {
        var edges = _edges;
        int lo = _nodes[node].EdgeStart, hi = _nodes[node].EdgeEnd - 1;

        // Most nodes have one or two children: a scan beats a binary search there.
        if (hi - lo < 8)
        {
            for (var e = lo; e <= hi; e++)
            {
                if (edges[e].Char == c)
                {
                    return edges[e].Target;
                }
            }

            return 0;
        }

        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = edges[mid].Char;
            if (m == c)
            {
                return edges[mid].Target;
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

    private static bool FitsBoundaries(ReadOnlySpan<char> text, ReadOnlySpan<bool> joined, int start, int end, TermMatchMode mode, bool exactBoundaries)
    {
        var inJoinedRun = joined.Length >= end && end - start >= 3 && !exactBoundaries;
        var leftOk = start == 0 || !TextNormalizer.IsWordChar(text[start - 1]) || !TextNormalizer.IsWordChar(text[start])
            || ScriptChanges(text[start - 1], text[start])
            || (inJoinedRun && joined[start] && joined[start - 1]);
        var rightOk = end == text.Length || !TextNormalizer.IsWordChar(text[end]) || !TextNormalizer.IsWordChar(text[end - 1])
            || ScriptChanges(text[end - 1], text[end])
            || (inJoinedRun && joined[end - 1] && end < joined.Length && joined[end]);
        return mode switch
        {
            TermMatchMode.Word => leftOk && rightOk,
            TermMatchMode.Prefix => leftOk,
            TermMatchMode.Suffix => rightOk,
            _ => true,
        };
    }
}
