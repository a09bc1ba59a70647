using PromptGuard.Normalization;

namespace PromptGuard.Classification;

/// <summary>Scores normalized prompts with the shipped model. Thread-safe: each thread reuses its own feature buffer.</summary>
internal sealed class PromptClassifier
{
    [ThreadStatic]
    private static SparseFeatures? t_features;

    public PromptClassifier(ClassifierModel model)
    {
        Model = model;
    }

    public ClassifierModel Model { get; }

    public ClassifierScores Score(NormalizedText text, bool hasSourceImage) => Score(text.Text, hasSourceImage);

    public ClassifierScores Score(string normalizedText, bool hasSourceImage)
    {
        var features = t_features ??= new SparseFeatures();
        Model.Featurizer.Featurize(normalizedText, hasSourceImage, features);
        return new ClassifierScores(
            Probability(ClassifierHead.Action, features),
            Probability(ClassifierHead.RealPerson, features),
            Probability(ClassifierHead.Minor, features),
            Probability(ClassifierHead.Flag, features));
    }

    private double Probability(ClassifierHead head, SparseFeatures features) =>
        Model[head]?.Probability(features) ?? double.NaN;
}
