using System.Text.Json;
using PromptGuard.Classification;
using PromptGuard.Normalization;

namespace PromptGuard.Tests.Classification;

public sealed class PromptClassifierTests
{
    [Fact]
    public void Score_WithTheHeadsInOneTable_EqualsEachHeadScoredAlone()
    {
        var model = ClassifierModel.LoadEmbedded()!;
        model.WeightTable.Should().NotBeNull("every head ships, so the model lays them out in one feature-major table");
        var classifier = new PromptClassifier(model);
        var features = new SparseFeatures();
        var compared = 0;

        foreach (var (prompt, image) in TuneRows().Take(600))
        {
            var text = TextNormalizer.Instance.Normalize(prompt).Text;
            var fused = classifier.Score(text, image);
            model.Featurizer.Featurize(text, image, features);

            // Same sums in the same order: equal to the last bit, not merely close.
            fused.Action.Should().Be(model[ClassifierHead.Action]!.Probability(features));
            fused.RealPerson.Should().Be(model[ClassifierHead.RealPerson]!.Probability(features));
            fused.Minor.Should().Be(model[ClassifierHead.Minor]!.Probability(features));
            fused.Flag.Should().Be(model[ClassifierHead.Flag]!.Probability(features));
            compared++;
        }

        compared.Should().Be(600);
    }

    [Fact]
    public void Write_ThenRead_KeepsEveryWeight_OfHeadsLaidOutInOneTable()
    {
        var model = ClassifierModel.LoadEmbedded()!;
        var heads = Enum.GetValues<ClassifierHead>().Select(h => model[h]!).ToList();

        var bytes = ClassifierModel.Write(model.Version, model.Featurizer.DimensionBits, heads);
        using var vocabulary = typeof(ClassifierModel).Assembly.GetManifestResourceStream("PromptGuard.classifier.vocab.txt")!;
        var again = ClassifierModel.Read(bytes, vocabulary);

        foreach (var head in heads)
        {
            var read = again[head.Head]!;
            read.Bias.Should().Be(head.Bias);
            Enumerable.Range(0, head.Dimension).Where(i => read.Weight(i) != head.Weight(i)).Should().BeEmpty();
        }

        heads.Should().OnlyContain(h => Enumerable.Range(0, h.Dimension).Any(i => h.Weight(i) != 0));
    }

    private static IEnumerable<(string Prompt, bool Image)> TuneRows() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Data, "dev", "tune"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (r.GetProperty("prompt").GetString()!, r.TryGetProperty("has_image", out var i) && i.GetBoolean()));
}
