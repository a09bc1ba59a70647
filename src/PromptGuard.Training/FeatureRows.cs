using Microsoft.ML.Data;

namespace PromptGuard.Training;

/// <summary>An ML.NET row over the shipped feature space (2^18 hashed features).</summary>
internal sealed class FeatureRow
{
    public const int DimensionBits = 18;
    public const int Dimension = 1 << DimensionBits;

    [VectorType(Dimension)]
    public VBuffer<float> Features { get; set; }

    public bool Label { get; set; }
}

/// <summary>An ML.NET row over a smaller feature space (2^12), for the tree models that do not scale to 2^18 sparse columns.</summary>
internal sealed class SmallFeatureRow
{
    public const int DimensionBits = 12;
    public const int Dimension = 1 << DimensionBits;

    [VectorType(Dimension)]
    public VBuffer<float> Features { get; set; }

    public bool Label { get; set; }
}

/// <summary>What ML.NET predicts for a row.</summary>
internal sealed class Prediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
