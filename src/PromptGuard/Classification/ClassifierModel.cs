using System.Security.Cryptography;
using System.Text;

namespace PromptGuard.Classification;

/// <summary>
/// The shipped classifier: its heads, featurizer settings, version and the SHA-256 of its file. Loaded once;
/// read-only afterwards. The binary format is little-endian:
/// "PGCM" | format 1 | version (string) | dimension bits | head count | per head: id, bias, slope, offset,
/// non-zero count, (index, weight) pairs.
/// </summary>
internal sealed class ClassifierModel
{
    private const int Magic = 0x4D434750; // "PGCM"
    private const int Format = 1;

    private readonly LinearHead?[] _heads;

    public ClassifierModel(string version, int dimensionBits, IReadOnlyList<LinearHead> heads, SubwordVocabulary? vocabulary, string sha256)
    {
        Version = version;
        Sha256 = sha256;
        Featurizer = new HashedFeaturizer(dimensionBits, vocabulary);
        _heads = new LinearHead?[Enum.GetValues<ClassifierHead>().Length];
        foreach (var head in heads)
        {
            _heads[(int)head.Head] = head;
        }

        // Every head present and of one size: one feature-major table, so scoring reads a cache line per feature.
        if (Array.TrueForAll(_heads, h => h is not null) && _heads.Select(h => h!.Dimension).Distinct().Count() == 1)
        {
            var columns = _heads.Length;
            var dimension = _heads[0]!.Dimension;
            var table = new float[dimension * columns];
            for (var c = 0; c < columns; c++)
            {
                var head = _heads[c]!;
                for (var f = 0; f < dimension; f++)
                {
                    table[(f * columns) + c] = head.Weight(f);
                }

                _heads[c] = head.InTable(table, c, columns);
            }

            WeightTable = table;
        }
    }

    /// <summary>
    /// The heads' weights, feature-major (<c>table[feature * heads + head]</c>), when every head is present; else null.
    /// </summary>
    public float[]? WeightTable { get; }

    public string Version { get; }

    public string Sha256 { get; }

    public HashedFeaturizer Featurizer { get; }

    public LinearHead? this[ClassifierHead head] => _heads[(int)head];

    /// <summary>Reads a model file and its vocabulary.</summary>
    /// <exception cref="InvalidDataException">The file is corrupt, truncated or of another format.</exception>
    public static ClassifierModel Read(byte[] model, Stream? vocabulary)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(model), Encoding.UTF8);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Format)
            {
                throw new InvalidDataException("Not a PromptGuard classifier file (bad magic or format).");
            }

            var version = reader.ReadString();
            var bits = reader.ReadInt32();
            if (bits is < 8 or > 24)
            {
                throw new InvalidDataException($"Invalid feature dimension 2^{bits}.");
            }

            var dimension = 1 << bits;
            var count = reader.ReadInt32();
            if (count is < 1 or > 16)
            {
                throw new InvalidDataException($"Invalid head count {count}.");
            }

            var heads = new List<LinearHead>(count);
            for (var h = 0; h < count; h++)
            {
                var id = reader.ReadInt32();
                if (!Enum.IsDefined((ClassifierHead)id))
                {
                    throw new InvalidDataException($"Unknown head {id}.");
                }

                var bias = reader.ReadSingle();
                var slope = reader.ReadDouble();
                var offset = reader.ReadDouble();
                var nonZero = reader.ReadInt32();
                if (nonZero < 0 || nonZero > dimension)
                {
                    throw new InvalidDataException($"Invalid weight count {nonZero}.");
                }

                var weights = new float[dimension];
                for (var k = 0; k < nonZero; k++)
                {
                    var index = reader.ReadInt32();
                    var weight = reader.ReadSingle();
                    if ((uint)index >= (uint)dimension || !float.IsFinite(weight))
                    {
                        throw new InvalidDataException($"Invalid weight at {index}.");
                    }

                    weights[index] = weight;
                }

                heads.Add(new LinearHead((ClassifierHead)id, weights, bias, slope, offset));
            }

            var vocab = vocabulary is null ? null : SubwordVocabulary.Load(vocabulary);
            return new ClassifierModel(version, bits, heads, vocab, Convert.ToHexStringLower(SHA256.HashData(model)));
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The classifier file is truncated.", ex);
        }
    }

    /// <summary>Writes the heads in the format <see cref="Read"/> reads.</summary>
    public static byte[] Write(string version, int dimensionBits, IEnumerable<LinearHead> heads)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Format);
            writer.Write(version);
            writer.Write(dimensionBits);
            var list = heads.ToList();
            writer.Write(list.Count);
            foreach (var head in list)
            {
                writer.Write((int)head.Head);
                writer.Write(head.Bias);
                writer.Write(head.PlattSlope);
                writer.Write(head.PlattOffset);
                var nonZero = 0;
                for (var i = 0; i < head.Dimension; i++)
                {
                    nonZero += head.Weight(i) != 0 ? 1 : 0;
                }

                writer.Write(nonZero);
                for (var i = 0; i < head.Dimension; i++)
                {
                    if (head.Weight(i) != 0)
                    {
                        writer.Write(i);
                        writer.Write(head.Weight(i));
                    }
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>The model embedded in the library, or null when the build carries none.</summary>
    /// <exception cref="InvalidDataException">The embedded model is corrupt.</exception>
    public static ClassifierModel? LoadEmbedded()
    {
        var assembly = typeof(ClassifierModel).Assembly;
        using var model = assembly.GetManifestResourceStream("PromptGuard.classifier.bin");
        if (model is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        model.CopyTo(copy);
        using var vocabulary = assembly.GetManifestResourceStream("PromptGuard.classifier.vocab.txt");
        return Read(copy.ToArray(), vocabulary);
    }

    /// <summary>Loads a model file (and the vocab.txt beside it, if any).</summary>
    /// <exception cref="InvalidDataException">The file is corrupt.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ClassifierModel LoadFile(string path)
    {
        var vocabularyPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "vocab.txt");
        using var vocabulary = File.Exists(vocabularyPath) ? File.OpenRead(vocabularyPath) : null;
        return Read(File.ReadAllBytes(path), vocabulary);
    }
}
