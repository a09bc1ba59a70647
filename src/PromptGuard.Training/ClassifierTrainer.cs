using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PromptGuard.Classification;
using PromptGuard.Normalization;

namespace PromptGuard.Training;

/// <summary>
/// Trains the classifier's heads with ML.NET (L-BFGS logistic regression shipped; SDCA logistic regression and
/// FastTree compared), exports the linear weights the library scores with, and proves the fast path reproduces
/// ML.NET's probabilities. Deterministic: a fixed seed, one thread, ordered inputs.
/// </summary>
internal sealed class ClassifierTrainer
{
    private readonly TextWriter _log;

    public ClassifierTrainer(TextWriter log)
    {
        _log = log;
    }

    public TrainingResult Train(string dataDirectory, string outputPath, int seed = 1)
    {
        var skipped = 0;
        var rows = new List<TrainingRow>();
        var corpus = Path.Combine(dataDirectory, "train");
        foreach (var split in new[] { "train", "validation", "test" })
        {
            var file = Path.Combine(corpus, split + ".jsonl");
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"The training corpus has no {split} split: {file} (run python3 data/train/generate.py).", file);
            }

            rows.AddRange(TrainingRow.ReadAll(file, split, ref skipped));
        }

        // The tune split of the development corpus is ours to fit on (final label only); its measure split never is.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dataDirectory, "dev", "tune"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            rows.AddRange(TrainingRow.ReadAll(file, "train", ref skipped));
        }

        _log.WriteLine($"rows: {rows.Count} ({rows.Count(r => r.Split == "train")} train, {rows.Count(r => r.Split == "validation")} validation, {rows.Count(r => r.Split == "test")} test), {skipped} skipped");
        var normalized = rows.Select(r => TextNormalizer.Instance.Normalize(r.Prompt).Text).ToArray();
        var vocabularyText = VocabularyBuilder.Build(rows.Select((r, i) => (r, i)).Where(p => p.r.Split == "train").Select(p => normalized[p.i]));
        var vocabulary = SubwordVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(vocabularyText)));
        _log.WriteLine($"vocabulary: {vocabulary.Size} subwords");

        var featurizer = new HashedFeaturizer(FeatureRow.DimensionBits, vocabulary);
        var smallFeaturizer = new HashedFeaturizer(SmallFeatureRow.DimensionBits, vocabulary);
        var features = rows.Select((r, i) => Featurize(featurizer, normalized[i], r.HasImage)).ToArray();
        var smallFeatures = rows.Select((r, i) => Featurize(smallFeaturizer, normalized[i], r.HasImage)).ToArray();

        var ml = new MLContext(seed);
        var heads = new List<LinearHead>();
        var metrics = new List<HeadMetrics>();
        var models = new Dictionary<string, ITransformer>(StringComparer.Ordinal);
        var maxDifference = 0.0;
        DataViewSchema? schema = null;
        foreach (var head in Enum.GetValues<ClassifierHead>())
        {
            bool? Label(TrainingRow row) => head switch
            {
                ClassifierHead.Action => row.Action,
                ClassifierHead.RealPerson => row.RealPerson,
                ClassifierHead.Minor => row.Minor,
                _ => row.Flag,
            };

            var indices = Enumerable.Range(0, rows.Count).Where(i => Label(rows[i]) is not null).ToArray();
            int[] Of(string split) => indices.Where(i => rows[i].Split == split).ToArray();
            var train = Of("train");
            var evaluation = new[] { "validation", "test" }.ToDictionary(s => s, Of);
            var trainView = ml.Data.LoadFromEnumerable(train.Select(i => new FeatureRow { Features = ToBuffer(features[i], FeatureRow.Dimension), Label = Label(rows[i])!.Value }));
            schema ??= trainView.Schema;

            var lbfgs = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L1Regularization = 0.02f,
                L2Regularization = 0.02f,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 200,
            }).Fit(trainView);
            var sdca = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = 1e-4f,
                MaximumNumberOfIterations = 30,
            }).Fit(trainView);
            var smallTrain = ml.Data.LoadFromEnumerable(train.Select(i => new SmallFeatureRow { Features = ToBuffer(smallFeatures[i], SmallFeatureRow.Dimension), Label = Label(rows[i])!.Value }));
            var trees = ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 200, minimumExampleCountPerLeaf: 5, learningRate: 0.2).Fit(smallTrain);

            var linear = lbfgs.Model.SubModel;
            var calibrator = lbfgs.Model.Calibrator;
            var exported = new LinearHead(head, linear.Weights.ToArray(), linear.Bias, calibrator.Slope, calibrator.Offset);
            heads.Add(exported);
            models[head.ToString()] = lbfgs;

            foreach (var (split, splitIndices) in evaluation)
            {
                if (splitIndices.Length == 0)
                {
                    continue;
                }

                var view = ml.Data.LoadFromEnumerable(splitIndices.Select(i => new FeatureRow { Features = ToBuffer(features[i], FeatureRow.Dimension), Label = Label(rows[i])!.Value }));
                var smallView = ml.Data.LoadFromEnumerable(splitIndices.Select(i => new SmallFeatureRow { Features = ToBuffer(smallFeatures[i], SmallFeatureRow.Dimension), Label = Label(rows[i])!.Value }));
                metrics.Add(Measure(ml, lbfgs.Transform(view), head, "lbfgs-logistic-regression", split));
                metrics.Add(Measure(ml, sdca.Transform(view), head, "sdca-logistic-regression", split));
                metrics.Add(Measure(ml, trees.Transform(smallView), head, "fasttree (2^12 features)", split));
            }

            // The fast path must give ML.NET's probabilities: compare on every validation row.
            var engine = ml.Model.CreatePredictionEngine<FeatureRow, Prediction>(lbfgs);
            var sparse = new SparseFeatures();
            foreach (var i in evaluation["validation"])
            {
                var expected = engine.Predict(new FeatureRow { Features = ToBuffer(features[i], FeatureRow.Dimension) }).Probability;
                featurizer.Featurize(normalized[i], rows[i].HasImage, sparse);
                maxDifference = Math.Max(maxDifference, Math.Abs(expected - exported.Probability(sparse)));
            }

            _log.WriteLine($"{head}: {train.Length} train rows, {linear.Weights.Count(w => w != 0)} non-zero weights");
        }

        // Named by the data it learned from, not by the day: the same corpus and seed give the same file, byte for byte.
        var corpusHash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows.Select(r => $"{r.Split}\t{r.HasImage}\t{r.Action}\t{r.RealPerson}\t{r.Minor}\t{r.Flag}\t{r.Prompt}"))));
        var version = $"pgc-{seed}-{Convert.ToHexStringLower(corpusHash)[..12]}";
        var binary = ClassifierModel.Write(version, FeatureRow.DimensionBits, heads);
        var model = ClassifierModel.Read(binary, new MemoryStream(Encoding.UTF8.GetBytes(vocabularyText)));
        var result = new TrainingResult(version, model.Sha256, rows.Count, metrics, maxDifference, vocabulary.Size);
        WriteOutput(outputPath, ml, schema!, models, binary, vocabularyText, result);
        return result;
    }

    private static (int[] Indices, float[] Values) Featurize(HashedFeaturizer featurizer, string text, bool hasImage)
    {
        var sparse = new SparseFeatures();
        featurizer.Featurize(text, hasImage, sparse, sorted: true);
        return (sparse.Indices.ToArray(), sparse.Values.ToArray());
    }

    private static VBuffer<float> ToBuffer((int[] Indices, float[] Values) features, int dimension) =>
        new(dimension, features.Indices.Length, (float[])features.Values.Clone(), (int[])features.Indices.Clone());

    private static HeadMetrics Measure(MLContext ml, IDataView predictions, ClassifierHead head, string trainer, string split)
    {
        var auc = ml.BinaryClassification.EvaluateNonCalibrated(predictions).AreaUnderRocCurve;
        var labels = predictions.GetColumn<bool>("Label").ToArray();
        var probabilities = predictions.Schema.GetColumnOrNull("Probability") is null
            ? predictions.GetColumn<float>("Score").Select(s => 1f / (1f + MathF.Exp(-s))).ToArray()
            : predictions.GetColumn<float>("Probability").ToArray();
        int positives = 0, truePositives = 0, negatives = 0, falsePositives = 0;
        double brier = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var flagged = probabilities[i] >= 0.5f;
            brier += Math.Pow(probabilities[i] - (labels[i] ? 1 : 0), 2);
            if (labels[i])
            {
                positives++;
                truePositives += flagged ? 1 : 0;
            }
            else
            {
                negatives++;
                falsePositives += flagged ? 1 : 0;
            }
        }

        return new HeadMetrics(head.ToString(), trainer, split, labels.Length, auc,
            positives == 0 ? double.NaN : (double)truePositives / positives,
            negatives == 0 ? double.NaN : (double)falsePositives / negatives,
            brier / Math.Max(1, labels.Length));
    }

    private static void WriteOutput(string outputPath, MLContext ml, DataViewSchema schema, Dictionary<string, ITransformer> models, byte[] binary, string vocabulary, TrainingResult result)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "classifier.bin"), binary);
        File.WriteAllText(Path.Combine(directory, "vocab.txt"), vocabulary, new UTF8Encoding(false));
        var metricsJson = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        File.WriteAllText(Path.Combine(directory, "metrics.json"), metricsJson, new UTF8Encoding(false));

        using var zip = ZipFile.Open(outputPath, ZipArchiveMode.Create);
        foreach (var (name, model) in models)
        {
            using var stream = new MemoryStream();
            ml.Model.Save(model, schema, stream);
            var entry = zip.CreateEntry($"mlnet/{name}.zip", CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var target = entry.Open();
            stream.Position = 0;
            stream.CopyTo(target);
        }

        foreach (var (name, content) in new[] { ("classifier.bin", binary), ("vocab.txt", Encoding.UTF8.GetBytes(vocabulary)), ("metrics.json", Encoding.UTF8.GetBytes(metricsJson)) })
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var target = entry.Open();
            target.Write(content);
        }
    }
}

/// <summary>What a training run produced and measured.</summary>
internal sealed record TrainingResult(string Version, string Sha256, int Rows, IReadOnlyList<HeadMetrics> Metrics, double MaxFastPathDifference, int VocabularySize);
