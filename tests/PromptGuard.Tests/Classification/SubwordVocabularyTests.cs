using System.Text;
using System.Text.Json;
using PromptGuard.Classification;
using PromptGuard.Normalization;

namespace PromptGuard.Tests.Classification;

/// <summary>
/// The fast encoder must give Microsoft.ML.Tokenizers' ids exactly: the shipped weights were fitted on the library's
/// ids, so any difference would silently change scores.
/// </summary>
public sealed class SubwordVocabularyTests
{
    private static readonly Lazy<SubwordVocabulary> s_vocabulary = new(() => ClassifierModel.LoadEmbedded()!.Featurizer.Vocabulary!);

    private static readonly Lazy<string[]> s_entries = new(() =>
    {
        using var stream = typeof(ClassifierModel).Assembly.GetManifestResourceStream("PromptGuard.classifier.vocab.txt")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    });

    private static SubwordVocabulary Vocabulary => s_vocabulary.Value;

    [Fact]
    public void Encode_MatchesLibraryTokenizer_OnEveryCorpusText()
    {
        var texts = CorpusPrompts().ToList();
        texts.Count.Should().BeGreaterThan(30_000, "every JSON Lines file under data/ but the measurement set is read");

        var compared = 0;
        var mismatches = new List<string>();
        foreach (var prompt in texts)
        {
            Compare(Vocabulary, prompt, mismatches);
            Compare(Vocabulary, TextNormalizer.Instance.Normalize(prompt).Text, mismatches);
            compared += 2;
        }

        mismatches.Should().BeEmpty();
        compared.Should().Be(texts.Count * 2);
    }

    [Fact]
    public void Encode_MatchesLibraryTokenizer_OnRandomMixedScriptStrings()
    {
        var random = new Random(20260521);
        var mismatches = new List<string>();
        var builder = new StringBuilder();
        for (var round = 0; round < 40_000; round++)
        {
            builder.Clear();
            var pieces = random.Next(0, 12);
            for (var p = 0; p < pieces; p++)
            {
                AppendRandomPiece(random, builder);
            }

            var text = builder.ToString();
            Compare(Vocabulary, text, mismatches);
            Compare(Vocabulary, TextNormalizer.Instance.Normalize(text).Text, mismatches);
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Encode_MatchesLibraryTokenizer_OnEveryUtf16CodeUnit()
    {
        // Whether the library splits at a code unit (its pre-tokenizer is the regex \S+) and whether the vocabulary
        // spells it, for all 65,536 of them, alone, inside a word, and between two words.
        var mismatches = new List<string>();
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            Compare(Vocabulary, c.ToString(), mismatches);
            Compare(Vocabulary, $"bi{c}kini", mismatches);
            Compare(Vocabulary, $"make her{c}nude", mismatches);
            Compare(Vocabulary, $"{c}{c}##{c}", mismatches);
        }

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(150)]
    [InlineData(5_000)]
    public void Encode_MatchesLibraryTokenizer_AroundTheLongestWord(int length)
    {
        // The library gives a word longer than 100 code units one unknown id without looking it up.
        var mismatches = new List<string>();
        foreach (var unit in new[] { "a", "ab", "é", "\U0001F600", "的", "x##" })
        {
            var word = string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
            Compare(Vocabulary, word, mismatches);
            Compare(Vocabulary, "bikini " + word + " on her", mismatches);
            Compare(Vocabulary, word + "!", mismatches);
        }

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t\r\n ")]
    [InlineData("\u00A0\u2028\u3000\u0085\u1680\u2009")]
    [InlineData("\u180E\u200B\uFEFF")]
    [InlineData("##")]
    [InlineData("## ##a ###")]
    [InlineData("[UNK] [unk]")]
    [InlineData("\uD800 \uDC00 \uDC00\uD800 a\uD83D")]
    public void Encode_MatchesLibraryTokenizer_OnEdgeCases(string text)
    {
        var mismatches = new List<string>();

        Compare(Vocabulary, text, mismatches);

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData("a\nb\nab\n##b\n[UNK]\n", false)]
    [InlineData("[UNK]\nhello\nhe\nll\no\n", false)]
    [InlineData("[UNK]\n\n\nhe\n##\n##l\n##lo\n#\n", false)]
    [InlineData("\uFEFF[UNK]\r\nx\r\n##y\r\n\r\nxy\r\n", false)]
    [InlineData("[UNK]\ra\r##a\raa\r##aa\raaa\r\U0001F600\r##\U0001F600\r\uFFFD\r", false)]
    [InlineData("[UNK]\na\n##a\nx\U0001F600\n##\U0001F600y\n", true)]
    public void Encode_MatchesLibraryTokenizer_OnHandMadeVocabularies(string vocabulary, bool utf16)
    {
        // Vocabularies the shipped one does not exercise: no continuation entries, the bare prefix as an entry, a
        // byte order mark (UTF-8 and UTF-16), CR and CR LF line ends, empty lines (which keep their line number),
        // surrogate pairs that a piece boundary can cut.
        var bytes = utf16 ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(vocabulary)] : new UTF8Encoding(false).GetBytes(vocabulary);
        var loaded = SubwordVocabulary.Load(new MemoryStream(bytes));
        var random = new Random(vocabulary.Length);
        var alphabet = "abehlo#xy\uD83D\uDE00\uFFFD [UNK]";
        var mismatches = new List<string>();

        for (var round = 0; round < 5_000; round++)
        {
            var chars = new char[random.Next(0, 16)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            Compare(loaded, new string(chars), mismatches);
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Encode_WithTooSmallABuffer_Throws()
    {
        var act = () => Vocabulary.Encode("make her smile", new int[13]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Featurize_WithTheFastEncoder_GivesTheLibraryFeatures_OnEveryCorpusText()
    {
        var fast = ClassifierModel.LoadEmbedded()!.Featurizer;
        var library = new HashedFeaturizer(fast.DimensionBits, fast.Vocabulary!.WithLibraryEncoding());
        var fastFeatures = new SparseFeatures();
        var libraryFeatures = new SparseFeatures();
        var texts = CorpusPrompts().Select(p => TextNormalizer.Instance.Normalize(p).Text).ToList();

        // Long texts too: past the stack buffer (256) and past the featurizer's cut (4,096 characters).
        var random = new Random(4096);
        for (var i = 0; i < 200; i++)
        {
            texts.Add(string.Join(' ', Enumerable.Range(0, random.Next(10, 600)).Select(_ => texts[random.Next(texts.Count)])));
        }

        var differing = new List<string>();
        foreach (var text in texts)
        {
            foreach (var (image, sorted) in new[] { (false, false), (true, true) })
            {
                fast.Featurize(text, image, fastFeatures, sorted);
                library.Featurize(text, image, libraryFeatures, sorted);

                if (!fastFeatures.Indices.SequenceEqual(libraryFeatures.Indices) || !fastFeatures.Values.SequenceEqual(libraryFeatures.Values))
                {
                    differing.Add(text);
                }
            }
        }

        differing.Should().BeEmpty("the same features in the same order give the classifier the same sums, bit for bit");
        texts.Count.Should().BeGreaterThan(30_000);
    }

    [Fact]
    public void EncodeAndFeaturize_AllocateNothing_OnceWarm()
    {
        var featurizer = ClassifierModel.LoadEmbedded()!.Featurizer;
        var features = new SparseFeatures();
        var texts = CorpusPrompts().Take(2_000).Select(p => TextNormalizer.Instance.Normalize(p).Text).ToList();
        texts.Add(string.Join(' ', texts.Take(400))[..HashedFeaturizer.MaximumCharacters]);
        var ids = new int[texts.Max(t => t.Length)];
        void Run()
        {
            foreach (var text in texts)
            {
                featurizer.Vocabulary!.Encode(text, ids);
                featurizer.Featurize(text, hasSourceImage: true, features);
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    private static void Compare(SubwordVocabulary vocabulary, string text, List<string> mismatches)
    {
        var expected = vocabulary.EncodeWithLibrary(text);
        var ids = new int[text.Length];
        var count = vocabulary.Encode(text, ids);
        if (!ids.AsSpan(0, count).SequenceEqual(expected.ToArray()) && mismatches.Count < 20)
        {
            mismatches.Add($"{Escape(text)}: library [{string.Join(',', expected)}], fast [{string.Join(',', ids.Take(count))}]");
        }
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    private static void AppendRandomPiece(Random random, StringBuilder builder)
    {
        var entries = s_entries.Value;
        switch (random.Next(16))
        {
            case 0:
                builder.Append(' ', random.Next(1, 3));
                break;
            case 1:
                builder.Append(Whitespace[random.Next(Whitespace.Length)]);
                break;
            case 2:
            case 3:
            case 4:
                // Vocabulary entries glued into words: the greedy longest match and the "##" pieces get exercised.
                builder.Append(entries[random.Next(entries.Length)]);
                break;
            case 5:
                builder.Append(entries[random.Next(entries.Length)].TrimStart('#')).Append(entries[random.Next(entries.Length)].TrimStart('#'));
                break;
            case 6:
                builder.Append(Punctuation[random.Next(Punctuation.Length)]);
                break;
            case 7:
                builder.Append((char)random.Next('0', '9' + 1), random.Next(1, 4));
                break;
            case 8:
                AppendRange(random, builder, random.Next(3) switch { 0 => (0x00C0, 0x017F), 1 => (0x0300, 0x036F), _ => (0x0400, 0x04FF) });
                break;
            case 9:
                AppendRange(random, builder, random.Next(3) switch { 0 => (0x4E00, 0x9FFF), 1 => (0x3040, 0x30FF), _ => (0xAC00, 0xD7A3) });
                break;
            case 10:
                AppendRange(random, builder, random.Next(2) == 0 ? (0x0600, 0x06FF) : (0x0900, 0x097F));
                break;
            case 11:
                builder.Append(char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF))).Append(random.Next(3) == 0 ? "\u200D\uFE0F" : string.Empty);
                break;
            case 12:
                // Lone halves of surrogate pairs, and pairs in the wrong order.
                builder.Append((char)random.Next(0xD800, 0xE000));
                break;
            case 13:
                // A long word, around and past the library's 100 code units.
                var word = entries[random.Next(entries.Length)].TrimStart('#');
                while (word.Length < random.Next(90, 130))
                {
                    word += entries[random.Next(entries.Length)].TrimStart('#');
                }

                builder.Append(word);
                break;
            case 14:
                builder.Append("##");
                break;
            default:
                builder.Append((char)random.Next(0, 0x10000));
                break;
        }
    }

    private static void AppendRange(Random random, StringBuilder builder, (int First, int Last) range)
    {
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            builder.Append((char)random.Next(range.First, range.Last + 1));
        }
    }

    private const string Whitespace = "\t\n\v\f\r\u0085\u00A0\u1680\u2000\u2005\u200A\u2028\u2029\u202F\u205F\u3000\u180E\u200B\uFEFF";

    private const string Punctuation = ".,!?;:'\"-_()[]{}<>@#$%^&*/\\|~`+=…«»「」。、！？";

    /// <summary>Every prompt of every JSON Lines file under data/, except the measurement set, which no test reads.</summary>
    private static IEnumerable<string> CorpusPrompts()
    {
        var measure = Path.Combine(RepositoryPaths.Data, "dev", "measure");
        return Files(RepositoryPaths.Data)
            .SelectMany(File.ReadLines)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String)
            .Select(r => r.GetProperty("prompt").GetString()!);

        IEnumerable<string> Files(string directory) =>
            Directory.EnumerateFiles(directory, "*.jsonl").Order(StringComparer.Ordinal)
                .Concat(Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal)
                    .Where(d => !string.Equals(Path.GetFullPath(d), Path.GetFullPath(measure), StringComparison.Ordinal))
                    .SelectMany(Files));
    }
}
