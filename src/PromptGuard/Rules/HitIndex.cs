using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PromptGuard.Rules;

/// <summary>
/// The concept hits of one prompt, grouped by concept and sorted by position, so a rule finds the hits near an
/// anchor by binary search: evaluating the rules stays near-linear even on a megabyte of hostile text.
/// </summary>
/// <remarks>
/// Plain arrays and the library's own sort rather than a dictionary of lists: generic framework code instantiated
/// over <see cref="ConceptHit"/> is not precompiled (ReadyToRun), so a cold process would run it unoptimized over
/// every hit of a long prompt. The groups are reused between prompts, so indexing allocates nothing once warm.
/// </remarks>
internal sealed class HitIndex
{
    /// <summary>Longest term, in words, assumed when searching backwards from an anchor (multi-word terms start earlier).</summary>
    private const int MaximumTermWords = 12;

    /// <summary>Groups this short are sorted by insertion (a prompt's groups nearly always are).</summary>
    private const int InsertionSortLength = 16;

    private ConceptHit[] _grouped = new ConceptHit[64];
    private ConceptHit[] _merge = [];
    private int[] _groupStart = new int[64];
    private int[] _groupLength = new int[64];
    private int[] _used = new int[16];
    private int _usedCount;

    public HitIndex(List<ConceptHit> hits, int[] words)
    {
        Hits = hits;
        Words = words;
        Reset(hits, words);
    }

    public List<ConceptHit> Hits { get; private set; }

    public int[] Words { get; private set; }

    /// <summary>Indexes another prompt's hits, keeping the arrays of the last one for reuse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset(List<ConceptHit> hits, int[] words)
    {
        for (var i = 0; i < _usedCount; i++)
        {
            _groupLength[_used[i]] = 0;
        }

        _usedCount = 0;
        Hits = hits;
        Words = words;
        var all = CollectionsMarshal.AsSpan(hits);
        if (_grouped.Length < all.Length)
        {
            _grouped = new ConceptHit[Math.Max(all.Length, _grouped.Length * 2)];
        }

        // Count the hits of each concept, then lay the groups out one after another, in the order concepts first appear.
        foreach (ref readonly var hit in all)
        {
            var concept = hit.ConceptId;
            if (concept >= _groupLength.Length)
            {
                GrowConcepts(concept);
            }

            if (_groupLength[concept]++ == 0)
            {
                if (_usedCount == _used.Length)
                {
                    Array.Resize(ref _used, _used.Length * 2);
                }

                _used[_usedCount++] = concept;
            }
        }

        var offset = 0;
        for (var i = 0; i < _usedCount; i++)
        {
            var concept = _used[i];
            _groupStart[concept] = offset;
            offset += _groupLength[concept];
            _groupLength[concept] = 0;
        }

        foreach (ref readonly var hit in all)
        {
            var concept = hit.ConceptId;
            _grouped[_groupStart[concept] + _groupLength[concept]++] = hit;
        }

        for (var i = 0; i < _usedCount; i++)
        {
            var concept = _used[i];
            SortByPosition(_grouped.AsSpan(_groupStart[concept], _groupLength[concept]));
        }
    }

    public bool Has(int concept) => (uint)concept < (uint)_groupLength.Length && _groupLength[concept] > 0;

    /// <summary>The hits of <paramref name="concept"/>, by start then end position.</summary>
    public ReadOnlySpan<ConceptHit> Of(int concept) => Group(concept);

    /// <summary>The hit of <paramref name="concept"/> nearest to <paramref name="anchor"/> within <paramref name="window"/> words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFindNear(int concept, ConceptHit anchor, int notBefore, int window, out ConceptHit found)
    {
        found = default;
        var group = Group(concept);
        if (group.IsEmpty)
        {
            return false;
        }

        int from, to;
        if (window == int.MaxValue)
        {
            from = 0;
            to = group.Length;
        }
        else
        {
            var lowWord = Words[anchor.Start] - window - MaximumTermWords;
            var highWord = Words[Math.Max(anchor.End - 1, anchor.Start)] + window;
            from = LowerBound(group, lowWord);
            to = LowerBound(group, highWord + 1);
        }

        if (notBefore >= 0)
        {
            from = Math.Max(from, LowerBoundPosition(group, notBefore));
        }

        // On the whole prompt only the nearest few matter; stop at the first hit at distance 0.
        var best = int.MaxValue;
        for (var i = from; i < to; i++)
        {
            ref readonly var hit = ref group[i];
            var distance = Distance(anchor, hit);
            if (distance <= window && distance < best)
            {
                best = distance;
                found = hit;
                if (distance == 0)
                {
                    break;
                }
            }
        }

        return best != int.MaxValue;
    }

    public int Distance(ConceptHit a, ConceptHit b)
    {
        if (b.Start >= a.End)
        {
            return Words[b.Start] - Words[a.End - 1];
        }

        if (a.Start >= b.End)
        {
            return Words[a.Start] - Words[b.End - 1];
        }

        return 0;
    }

    private ReadOnlySpan<ConceptHit> Group(int concept) =>
        (uint)concept < (uint)_groupLength.Length ? new ReadOnlySpan<ConceptHit>(_grouped, _groupStart[concept], _groupLength[concept]) : default;

    private void GrowConcepts(int concept)
    {
        var size = Math.Max(concept + 1, _groupLength.Length * 2);
        Array.Resize(ref _groupStart, size);
        Array.Resize(ref _groupLength, size);
    }

    /// <summary>A total order (start, end, term), so equal spans of different terms always come out the same way.</summary>
    private static bool Precedes(in ConceptHit a, in ConceptHit b) =>
        a.Start != b.Start ? a.Start < b.Start : a.End != b.End ? a.End < b.End : a.TermId < b.TermId;

    private void SortByPosition(Span<ConceptHit> group)
    {
        if (group.Length <= InsertionSortLength)
        {
            InsertionSort(group);
            return;
        }

        // The automaton reports hits by end position, so long groups are usually sorted already.
        var sorted = true;
        for (var i = 1; i < group.Length && sorted; i++)
        {
            sorted = !Precedes(group[i], group[i - 1]);
        }

        if (sorted)
        {
            return;
        }

        if (_merge.Length < group.Length)
        {
            _merge = new ConceptHit[Math.Max(group.Length, _merge.Length * 2)];
        }

        MergeSort(group, _merge.AsSpan(0, group.Length));
    }

    private static void InsertionSort(Span<ConceptHit> group)
    {
        for (var i = 1; i < group.Length; i++)
        {
            var hit = group[i];
            var j = i - 1;
            while (j >= 0 && Precedes(hit, group[j]))
            {
                group[j + 1] = group[j];
                j--;
            }

            group[j + 1] = hit;
        }
    }

    /// <summary>Top-down merge sort: O(n log n) whatever the input, so hostile text cannot make indexing quadratic.</summary>
    private static void MergeSort(Span<ConceptHit> group, Span<ConceptHit> buffer)
    {
        if (group.Length <= InsertionSortLength)
        {
            InsertionSort(group);
            return;
        }

        var half = group.Length / 2;
        MergeSort(group[..half], buffer[..half]);
        MergeSort(group[half..], buffer[half..]);
        if (!Precedes(group[half], group[half - 1]))
        {
            return;
        }

        group.CopyTo(buffer);
        int left = 0, right = half, output = 0;
        while (left < half && right < group.Length)
        {
            group[output++] = Precedes(buffer[right], buffer[left]) ? buffer[right++] : buffer[left++];
        }

        while (left < half)
        {
            group[output++] = buffer[left++];
        }

        while (right < group.Length)
        {
            group[output++] = buffer[right++];
        }
    }

    private int LowerBound(ReadOnlySpan<ConceptHit> group, int word)
    {
        int lo = 0, hi = group.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Words[group[mid].Start] < word)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int LowerBoundPosition(ReadOnlySpan<ConceptHit> group, int position)
    {
        int lo = 0, hi = group.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (group[mid].Start < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
