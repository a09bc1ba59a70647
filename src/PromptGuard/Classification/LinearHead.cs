namespace PromptGuard.Classification;

/// <summary>
/// A logistic model extracted from ML.NET: dense weights over the hashed features, a bias, and ML.NET's Platt
/// calibrator (probability = 1 / (1 + exp(slope * score + offset))), so the fast path reproduces ML.NET's probability.
/// </summary>
/// <remarks>
/// The weights may live in a table shared with the model's other heads, one row per feature (see
/// <see cref="ClassifierModel"/>): the heads then read one cache line per feature instead of one each.
/// </remarks>
internal sealed class LinearHead
{
    private readonly float[] _storage;
    private readonly int _offset;
    private readonly int _stride;

    public LinearHead(ClassifierHead head, float[] weights, float bias, double plattSlope, double plattOffset)
        : this(head, weights, 0, 1, weights.Length, bias, plattSlope, plattOffset)
    {
    }

    private LinearHead(ClassifierHead head, float[] storage, int offset, int stride, int dimension, float bias, double plattSlope, double plattOffset)
    {
        Head = head;
        _storage = storage;
        _offset = offset;
        _stride = stride;
        Dimension = dimension;
        Bias = bias;
        PlattSlope = plattSlope;
        PlattOffset = plattOffset;
    }

    public ClassifierHead Head { get; }

    public float Bias { get; }

    public double PlattSlope { get; }

    public double PlattOffset { get; }

    /// <summary>Number of weights (the hashed feature space).</summary>
    public int Dimension { get; }

    public float Weight(int feature) => _storage[_offset + (feature * _stride)];

    /// <summary>The same head reading its weights from column <paramref name="column"/> of a feature-major table.</summary>
    public LinearHead InTable(float[] table, int column, int columns) =>
        new(Head, table, column, columns, Dimension, Bias, PlattSlope, PlattOffset);

    public double Probability(SparseFeatures features)
    {
        // Summed in double whatever the order of the features, so the score agrees with ML.NET's float sum to float precision.
        var score = 0.0;
        var indices = features.Indices;
        var values = features.Values;
        for (var i = 0; i < indices.Length; i++)
        {
            score += (double)_storage[_offset + (indices[i] * _stride)] * values[i];
        }

        return Calibrate(score);
    }

    /// <summary>The calibrated probability of a raw score (the weighted sum without the bias).</summary>
    public double Calibrate(double score) => 1.0 / (1.0 + Math.Exp((PlattSlope * (score + Bias)) + PlattOffset));
}
