namespace PromptGuard.Classification;

/// <summary>
/// A sparse feature vector being built: hashed feature indices with their values. Reused between calls on one
/// thread, so featurizing allocates nothing once warm.
/// </summary>
internal sealed class SparseFeatures
{
    private readonly Dictionary<int, float> _values = new(256);
    private int[] _indices = new int[256];
    private float[] _weights = new float[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    public ReadOnlySpan<float> Values => _weights.AsSpan(0, Count);

    public void Clear()
    {
        _values.Clear();
        Count = 0;
    }

    public void Add(int index)
    {
        _values[index] = _values.TryGetValue(index, out var value) ? value + 1f : 1f;
    }

    /// <summary>Sublinear counts (1 + ln count), L2-normalized, sorted by index: the same on every machine and in training.</summary>
    public void Seal()
    {
        Count = _values.Count;
        if (_indices.Length < Count)
        {
            _indices = new int[Count * 2];
            _weights = new float[Count * 2];
        }

        var k = 0;
        foreach (var (index, count) in _values)
        {
            _indices[k] = index;
            _weights[k] = 1f + MathF.Log(count);
            k++;
        }

        Array.Sort(_indices, _weights, 0, Count);
        double norm = 0;
        for (var i = 0; i < Count; i++)
        {
            norm += (double)_weights[i] * _weights[i];
        }

        var scale = norm > 0 ? (float)(1.0 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < Count; i++)
        {
            _weights[i] *= scale;
        }
    }
}
