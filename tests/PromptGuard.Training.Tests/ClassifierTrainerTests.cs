using System.Security.Cryptography;
using PromptGuard.Classification;

namespace PromptGuard.Training.Tests;

/// <summary>Training on a small slice of the corpus: the fast path reproduces ML.NET, and the same data gives the same model.</summary>
public sealed class ClassifierTrainerTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pg-train-").FullName;

    public ClassifierTrainerTests()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "PromptGuard.sln")))
        {
            root = root.Parent;
        }

        Directory.CreateDirectory(Path.Combine(_data, "train"));
        Directory.CreateDirectory(Path.Combine(_data, "dev", "tune"));
        foreach (var (split, take) in new[] { ("train", 1500), ("validation", 200), ("test", 200) })
        {
            // Every 7th row keeps all languages and both labels in the slice.
            var lines = File.ReadLines(Path.Combine(root.FullName, "data", "train", split + ".jsonl")).Where((_, i) => i % 7 == 0).Take(take);
            File.WriteAllLines(Path.Combine(_data, "train", split + ".jsonl"), lines);
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Train_ExportsWeights_WhoseFastPathGivesMLNetsProbabilities()
    {
        var result = new ClassifierTrainer(TextWriter.Null).Train(_data, Path.Combine(_data, "out", "model.zip"));

        result.MaxFastPathDifference.Should().BeLessThan(1e-5);
        result.Metrics.Should().Contain(m => m.Trainer.StartsWith("lbfgs", StringComparison.Ordinal) && m.Split == "validation" && m.Head == "Flag")
            .Which.Auc.Should().BeGreaterThan(0.6, "even 1,500 rows teach the flag head far better than chance");
        File.Exists(Path.Combine(_data, "out", "classifier.bin")).Should().BeTrue();
        var model = ClassifierModel.LoadFile(Path.Combine(_data, "out", "classifier.bin"));
        model.Sha256.Should().Be(result.Sha256);
    }

    [Fact]
    public void Train_IsReproducible_SameDataAndSeedGiveTheSameModel()
    {
        var first = new ClassifierTrainer(TextWriter.Null).Train(_data, Path.Combine(_data, "a", "model.zip"));
        var second = new ClassifierTrainer(TextWriter.Null).Train(_data, Path.Combine(_data, "b", "model.zip"));

        second.Sha256.Should().Be(first.Sha256);
        SHA256.HashData(File.ReadAllBytes(Path.Combine(_data, "b", "classifier.bin")))
            .Should().Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(_data, "a", "classifier.bin"))));
    }

    [Fact]
    public void ModelFile_RefusesCorruptBytes_WithAClearError()
    {
        var act = () => ClassifierModel.Read([0x50, 0x47, 0x43, 0x4D, 1, 0, 0, 0], null);

        act.Should().Throw<InvalidDataException>();
    }
}
