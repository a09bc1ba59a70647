using System.Runtime.CompilerServices;
using PromptGuard.Normalization;

namespace PromptGuard.Classification;

/// <summary>Scores normalized prompts with the shipped model. Thread-safe: each thread reuses its own feature buffer.</summary>
internal sealed class PromptClassifier
{
    private static readonly int HeadCount = Enum.GetValues<ClassifierHead>().Length;

    [ThreadStatic]
    private static SparseFeatures? t_features;

    public PromptClassifier(ClassifierModel model)
    {
        Model = model;
    }

    public ClassifierModel Model { get; }

    public ClassifierScores Score(NormalizedText text, bool hasSourceImage) => Score(text.Text, hasSourceImage);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ClassifierScores Score(string normalizedText, bool hasSourceImage)
    {
        var features = t_features ??= new SparseFeatures();
        Model.Featurizer.Featurize(normalizedText, hasSourceImage, features);
        if (Model.WeightTable is { } table)
        {
            return ScoreAllHeads(table, features);
        }

        return new ClassifierScores(
            Probability(ClassifierHead.Action, features),
            Probability(ClassifierHead.RealPerson, features),
            Probability(ClassifierHead.Minor, features),
            Probability(ClassifierHead.Flag, features));
    }

    /// <summary>All heads in one pass over the features (the same sums, in the same order, as each head alone).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ClassifierScores ScoreAllHeads(float[] table, SparseFeatures features)
    {
        double action = 0, realPerson = 0, minor = 0, flag = 0;
        var indices = features.Indices;
        var values = features.Values;
        var row = table.AsSpan();
        for (var i = 0; i < indices.Length; i++)
        {
            var weights = row.Slice(indices[i] * HeadCount, HeadCount);
            var value = values[i];
            action += (double)weights[(int)ClassifierHead.Action] * value;
            realPerson += (double)weights[(int)ClassifierHead.RealPerson] * value;
            minor += (double)weights[(int)ClassifierHead.Minor] * value;
            flag += (double)weights[(int)ClassifierHead.Flag] * value;
        }

        return new ClassifierScores(
            Model[ClassifierHead.Action]!.Calibrate(action),
            Model[ClassifierHead.RealPerson]!.Calibrate(realPerson),
            Model[ClassifierHead.Minor]!.Calibrate(minor),
            Model[ClassifierHead.Flag]!.Calibrate(flag));
    }

    private double Probability(ClassifierHead head, SparseFeatures features) =>
        Model[head]?.Probability(features) ?? double.NaN;
}
