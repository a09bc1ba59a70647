using System.Runtime.CompilerServices;
namespace PromptGuard.Rules;

/// <summary>
/// The concept hits of one prompt, grouped by concept and sorted by position, so a rule finds the hits near an
/// anchor by binary search: evaluating the rules stays near-linear even on a megabyte of hostile text.
/// </summary>
internal sealed class HitIndex
{
    /// <summary>Longest term, in words, assumed when searching backwards from an anchor (multi-word terms start earlier).</summary>
    private const int MaximumTermWords = 12;

    private readonly Dictionary<int, List<ConceptHit>> _byConcept = [];

    private readonly List<int> _used = [];

    public HitIndex(List<ConceptHit> hits, int[] words)
    {
        Hits = hits;
        Words = words;
        Reset(hits, words);
    }

    public List<ConceptHit> Hits { get; private set; }

    public int[] Words { get; private set; }

    /// <summary>Indexes another prompt's hits, keeping the lists of the last one for reuse (a screening allocates nothing here once warm).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset(List<ConceptHit> hits, int[] words)
    {
        foreach (var concept in _used)
        {
            _byConcept[concept].Clear();
        }

        _used.Clear();
        Hits = hits;
        Words = words;
        foreach (var hit in hits)
        {
            if (!_byConcept.TryGetValue(hit.ConceptId, out var list))
            {
                list = [];
                _byConcept[hit.ConceptId] = list;
            }

            if (list.Count == 0)
            {
                _used.Add(hit.ConceptId);
            }

            list.Add(hit);
        }

        foreach (var concept in _used)
        {
            var list = _byConcept[concept];
            if (list.Count > 1)
            {
                list.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            }
        }
    }

    public bool Has(int concept) => _byConcept.TryGetValue(concept, out var list) && list.Count > 0;

    public IReadOnlyList<ConceptHit> Of(int concept) => _byConcept.TryGetValue(concept, out var list) ? list : [];

    /// <summary>The hit of <paramref name="concept"/> nearest to <paramref name="anchor"/> within <paramref name="window"/> words.</summary>
    public bool TryFindNear(int concept, ConceptHit anchor, int notBefore, int window, out ConceptHit found)
    {
        found = default;
        if (!_byConcept.TryGetValue(concept, out var list) || list.Count == 0)
        {
            return false;
        }

        int from, to;
        if (window == int.MaxValue)
        {
            from = 0;
            to = list.Count;
        }
        else
        {
            var lowWord = Words[anchor.Start] - window - MaximumTermWords;
            var highWord = Words[Math.Max(anchor.End - 1, anchor.Start)] + window;
            from = LowerBound(list, lowWord);
            to = LowerBound(list, highWord + 1);
        }

        if (notBefore >= 0)
        {
            from = Math.Max(from, LowerBoundPosition(list, notBefore));
        }

        // On the whole prompt only the nearest few matter; stop at the first hit at distance 0.
        var best = int.MaxValue;
        for (var i = from; i < to; i++)
        {
            var hit = list[i];
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

    private int LowerBound(List<ConceptHit> list, int word)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Words[list[mid].Start] < word)
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

    private static int LowerBoundPosition(List<ConceptHit> list, int position)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Start < position)
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
