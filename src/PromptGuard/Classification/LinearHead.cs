namespace PromptGuard.Classification;

/// <summary>
/// A logistic model extracted from ML.NET: dense weights over the hashed features, a bias, and ML.NET's Platt
/// calibrator (probability = 1 / (1 + exp(slope * score + offset))), so the fast path reproduces ML.NET's probability.
/// </summary>
internal sealed class LinearHead
{
    private readonly float[] _weights;

    public LinearHead(ClassifierHead head, float[] weights, float bias, double plattSlope, double plattOffset)
    {
        Head = head;
        _weights = weights;
        Bias = bias;
        PlattSlope = plattSlope;
        PlattOffset = plattOffset;
    }

    public ClassifierHead Head { get; }

    public float Bias { get; }

    public double PlattSlope { get; }

    public double PlattOffset { get; }

    public ReadOnlySpan<float> Weights => _weights;

    public double Probability(SparseFeatures features)
    {
        // Summed in double whatever the order of the features, so the score agrees with ML.NET's float sum to float precision.
        var score = 0.0;
        var indices = features.Indices;
        var values = features.Values;
        for (var i = 0; i < indices.Length; i++)
        {
            score += (double)_weights[indices[i]] * values[i];
        }

        score += Bias;
        return 1.0 / (1.0 + Math.Exp((PlattSlope * score) + PlattOffset));
    }
}
