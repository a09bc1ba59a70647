using System.Runtime.InteropServices;
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
        _fail = new int[count];
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
                var f = _fail[node];
                int target;
                while (!edges.TryGetValue(((long)f << 16) | c, out target) && f != 0)
                {
                    f = _fail[f];
                }

                _fail[child] = edges.TryGetValue(((long)f << 16) | c, out target) && target != child ? target : 0;
            }
        }

        // Outputs include those reachable by failure links, so matching never walks the chain.
        var outputStart = new int[count + 1];
        var outputs = new List<int>();
        var outputsOf = new int[count][];
        foreach (var node in order)
        {
            var own = termsAt[node];
            var inherited = node == 0 ? [] : outputsOf[_fail[node]];
            outputsOf[node] = own is null ? inherited : [.. own, .. inherited];
        }

        for (var n = 0; n < count; n++)
        {
            outputStart[n] = outputs.Count;
            outputs.AddRange(outputsOf[n]);
        }

        outputStart[count] = outputs.Count;
        _outputStart = outputStart;
        _outputs = outputs.ToArray();

        _edgeStart = new int[count + 1];
        _edgeChars = new char[count - 1];
        _edgeTargets = new int[count - 1];
        var e = 0;
        var scratch = new List<(char, int)>();
        for (var n = 0; n < count; n++)
        {
            _edgeStart[n] = e;
            scratch.Clear();
            for (var child = firstChild[n]; child >= 0; child = nextSibling[child])
            {
                scratch.Add((edgeChar[child], child));
            }

            scratch.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
            foreach (var (c, child) in scratch)
            {
                _edgeChars[e] = c;
                _edgeTargets[e] = child;
                e++;
            }
        }

        _edgeStart[count] = e;
        _rootTable = new int[RootTableSize];
        for (var child = firstChild[0]; child >= 0; child = nextSibling[child])
        {
            if (edgeChar[child] < RootTableSize)
            {
                _rootTable[edgeChar[child]] = child;
            }
        }

        NodeCount = count;
    }

    public int NodeCount { get; }

    private AhoCorasickAutomaton(LexiconTerm[] terms, int[] rootTable, int[] edgeStart, char[] edgeChars, int[] edgeTargets, int[] fail, int[] outputStart, int[] outputs)
    {
        _terms = terms;
        _rootTable = rootTable;
        _edgeStart = edgeStart;
        _edgeChars = edgeChars;
        _edgeTargets = edgeTargets;
        _fail = fail;
        _outputStart = outputStart;
        _outputs = outputs;
        NodeCount = fail.Length;
    }

    /// <summary>Writes the built tables (not the terms) so a snapshot can restore the automaton without building it.</summary>
    internal void WriteTables(BinaryWriter writer)
    {
        WriteArray(writer, _rootTable);
        WriteArray(writer, _edgeStart);
        WriteArray(writer, _edgeChars);
        WriteArray(writer, _edgeTargets);
        WriteArray(writer, _fail);
        WriteArray(writer, _outputStart);
        WriteArray(writer, _outputs);
    }

    /// <summary>Restores an automaton written by <see cref="WriteTables"/> over the same terms.</summary>
    /// <exception cref="InvalidDataException">The tables are inconsistent (a corrupt snapshot).</exception>
    internal static AhoCorasickAutomaton ReadTables(BinaryReader reader, LexiconTerm[] terms)
    {
        var rootTable = ReadArray<int>(reader);
        var edgeStart = ReadArray<int>(reader);
        var edgeChars = ReadArray<char>(reader);
        var edgeTargets = ReadArray<int>(reader);
        var fail = ReadArray<int>(reader);
        var outputStart = ReadArray<int>(reader);
        var outputs = ReadArray<int>(reader);
        var nodes = fail.Length;

        // A snapshot is trusted only as far as these checks go: every index it holds stays inside its arrays.
        if (rootTable.Length != RootTableSize || edgeStart.Length != nodes + 1 || outputStart.Length != nodes + 1
            || edgeChars.Length != edgeTargets.Length || edgeStart[nodes] != edgeChars.Length || outputStart[nodes] != outputs.Length
            || !AllWithin(rootTable, nodes) || !AllWithin(edgeTargets, nodes) || !AllWithin(fail, nodes) || !AllWithin(outputs, terms.Length)
            || !Ascending(edgeStart) || !Ascending(outputStart))
        {
            throw new InvalidDataException("The automaton tables of the rules snapshot are inconsistent.");
        }

        return new AhoCorasickAutomaton(terms, rootTable, edgeStart, edgeChars, edgeTargets, fail, outputStart, outputs);
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

    private static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > 64 * 1024 * 1024)
        {
            throw new InvalidDataException("An automaton table of the rules snapshot has an impossible length.");
        }

        var values = new T[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

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
