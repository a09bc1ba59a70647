namespace PromptGuard.Classification;

/// <summary>
/// A sparse feature vector being built: hashed feature indices with their counts, in an open-addressing table that
/// is reused between calls on one thread, so featurizing allocates nothing once warm.
/// </summary>
internal sealed class SparseFeatures
{
    private int[] _slots = new int[1024];
    private int[] _indices = new int[512];
    private float[] _weights = new float[512];
    private int[] _counts = new int[512];
    private int _mask = 1023;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    public ReadOnlySpan<float> Values => _weights.AsSpan(0, Count);

    public void Clear()
    {
        // Slots hold entry number + 1; clearing only the used ones keeps Clear proportional to the last prompt.
        for (var i = 0; i < Count; i++)
        {
            var slot = (int)(Hash(_indices[i]) & (uint)_mask);
            while (_slots[slot] != 0)
            {
                _slots[slot] = 0;
                slot = (slot + 1) & _mask;
            }
        }

        Count = 0;
    }

    public void Add(int index)
    {
        if (Count * 2 >= _slots.Length)
        {
            Grow();
        }

        var slot = (int)(Hash(index) & (uint)_mask);
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                _slots[slot] = Count + 1;
                _indices[Count] = index;
                _counts[Count] = 1;
                Count++;
                return;
            }

            if (_indices[entry - 1] == index)
            {
                _counts[entry - 1]++;
                return;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Sublinear counts (1 + ln count), L2-normalized; sorted by index when <paramref name="sort"/> (ML.NET wants sorted sparse vectors).</summary>
    public void Seal(bool sort = false)
    {
        double norm = 0;
        for (var i = 0; i < Count; i++)
        {
            var value = 1f + MathF.Log(_counts[i]);
            _weights[i] = value;
            norm += (double)value * value;
        }

        var scale = norm > 0 ? (float)(1.0 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < Count; i++)
        {
            _weights[i] *= scale;
        }

        if (sort)
        {
            // The hash table no longer matches positions after sorting; this vector is read, then cleared by Reset.
            Array.Sort(_indices, _weights, 0, Count);
            Array.Clear(_slots);
        }
    }

    private void Grow()
    {
        var count = Count;
        var indices = _indices;
        var counts = _counts;
        _slots = new int[_slots.Length * 2];
        _mask = _slots.Length - 1;
        Array.Resize(ref _indices, _slots.Length / 2);
        Array.Resize(ref _weights, _slots.Length / 2);
        Array.Resize(ref _counts, _slots.Length / 2);
        for (var i = 0; i < count; i++)
        {
            var slot = (int)(Hash(indices[i]) & (uint)_mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i + 1;
        }

        Array.Copy(counts, _counts, count);
    }

    private static uint Hash(int index) => (uint)index * 0x9E3779B1u;
}
