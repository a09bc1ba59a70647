using System.Text.Json;
using PromptGuard.Rules;

namespace PromptGuard.Tests.Rules;

public sealed class RulePackSnapshotTests
{
    private static readonly Lazy<RulePack> s_compiled = new(() => RulePackLoader.Load(RuleSource.Embedded, [], useSnapshot: false));

    [Fact]
    public void Build_EmbedsASnapshot_ThatMatchesTheEmbeddedRuleFiles()
    {
        var snapshot = RulePackSnapshot.TryReadEmbedded(RuleSource.Embedded.Fingerprint());

        snapshot.Should().NotBeNull("the build compiles rules/ into a snapshot and embeds it beside the files");
    }

    [Fact]
    public void Snapshot_RestoresTheSamePack_AsCompilingTheFiles()
    {
        var snapshot = RulePackSnapshot.TryReadEmbedded(RuleSource.Embedded.Fingerprint())!;
        var compiled = s_compiled.Value;

        snapshot.Version.Should().Be(compiled.Version);
        snapshot.Languages.Should().Equal(compiled.Languages);
        snapshot.ConceptNames.Should().Equal(compiled.ConceptNames);
        snapshot.Automaton.NodeCount.Should().Be(compiled.Automaton.NodeCount);
        snapshot.Automaton.Terms.Select(Describe).Should().Equal(compiled.Automaton.Terms.Select(Describe));
        snapshot.Rules.Select(Describe).Should().Equal(compiled.Rules.Select(Describe));
    }

    [Fact]
    public void Snapshot_GivesTheSameResults_AsCompilingTheFiles_OnTheTuneSplit()
    {
        var options = new PromptScreenerOptions { Detectors = Detectors.Rules };
        var fromFiles = new PromptScreener(s_compiled.Value, options, null, null);
        var rulesOnly = PromptScreener.CreateBuilder().WithOptions(options).Build();
        rulesOnly.RulePack.Version.Should().Be(fromFiles.RulePack.Version);

        foreach (var request in TuneRequests())
        {
            var expected = fromFiles.Screen(request);
            var actual = rulesOnly.Screen(request);
            actual.Verdict.Should().Be(expected.Verdict, request.Prompt);
            actual.Reasons.Select(r => (r.RuleId, r.Span)).Should().Equal(expected.Reasons.Select(r => (r.RuleId, r.Span)), request.Prompt);
        }
    }

    [Fact]
    public void Snapshot_RestoresTheMisspellingIndex_ThatFindsWhatABuiltOneFinds()
    {
        var snapshot = RulePackSnapshot.TryReadEmbedded(RuleSource.Embedded.Fingerprint())!;
        var compiled = s_compiled.Value;
        var texts = TuneRequests().Select(r => r.Prompt)
            .SelectMany(p => new[] { p, PromptGuard.Evasion.EvasionGenerator.Apply(p, PromptGuard.Evasion.EvasionKind.Misspelling, [new PromptSpan(0, p.Length)], new HashSet<string>()) })
            .OfType<string>()
            .Select(p => PromptGuard.Normalization.TextNormalizer.Instance.Normalize(p).Text)
            .ToList();
        var restored = new List<ConceptHit>();
        var built = new List<ConceptHit>();
        var found = 0;

        snapshot.Fuzzy.KeyCount.Should().Be(compiled.Fuzzy.KeyCount);
        foreach (var text in texts)
        {
            restored.Clear();
            built.Clear();
            snapshot.Fuzzy.FindAll(text, restored);
            compiled.Fuzzy.FindAll(text, built);
            restored.Should().Equal(built, text);
            found += built.Count;
        }

        found.Should().BeGreaterThan(1000, "the comparison must cover texts with misspellings, not only ones without");
    }

    [Fact]
    public void Read_IgnoresASnapshot_CompiledFromOtherFiles()
    {
        using var stream = new MemoryStream();
        RulePackSnapshot.Write(s_compiled.Value, "fingerprint-of-the-files-it-was-compiled-from", stream);
        stream.Position = 0;

        RulePackSnapshot.Read(stream, "fingerprint-of-edited-files").Should().BeNull();
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Read_RejectsADamagedSnapshot_WithInvalidData(double cutAt)
    {
        using var stream = new MemoryStream();
        RulePackSnapshot.Write(s_compiled.Value, "f", stream);
        var bytes = stream.ToArray();

        var truncated = () => RulePackSnapshot.Read(new MemoryStream(bytes[..(int)(bytes.Length * cutAt)]), "f");
        truncated.Should().Throw<Exception>().Which.Should().Match(e => e is InvalidDataException || e is EndOfStreamException);

        var flipped = (byte[])bytes.Clone();
        for (var i = (int)(bytes.Length * cutAt); i < flipped.Length; i += 97)
        {
            flipped[i] ^= 0xA5;
        }

        var damaged = () => RulePackSnapshot.Read(new MemoryStream(flipped), "f");
        damaged.Should().NotThrow<NullReferenceException>().And.NotThrow<IndexOutOfRangeException>();
    }

    [Fact]
    public void TryRead_NeverThrows_OnTruncatedOrBitFlippedSnapshots()
    {
        using var stream = new MemoryStream();
        RulePackSnapshot.Write(s_compiled.Value, "f", stream);
        var bytes = stream.ToArray();
        var random = new Random(7);

        for (var trial = 0; trial < 200; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            var length = trial % 4 == 0 ? random.Next(bytes.Length) : bytes.Length;
            for (var flips = 0; flips < 1 + (trial % 8); flips++)
            {
                damaged[random.Next(length)] ^= (byte)(1 << random.Next(8));
            }

            var read = () => RulePackSnapshot.TryRead(new MemoryStream(damaged, 0, length), "f");
            read.Should().NotThrow($"trial {trial}: a damaged snapshot must fall back to compiling the files");
        }
    }

    [Fact]
    public void Load_CompilesTheFiles_WhenTheHostAddsProtectedNames()
    {
        var options = new PromptScreenerOptions { Detectors = Detectors.Rules, ProtectedNames = ["Zorbaline Quixtrand"] };
        var screener = PromptScreener.CreateBuilder().WithOptions(options).Build();

        screener.Screen(new ScreeningRequest("zorbaline quixtrand in lingerie")).Verdict.Should().NotBe(Verdict.Allow);
        PromptScreener.CreateBuilder().WithOptions(options with { ProtectedNames = [] }).Build()
            .Screen(new ScreeningRequest("zorbaline quixtrand in lingerie")).Verdict.Should().Be(Verdict.Allow);
    }

    private static string Describe(LexiconTerm term) =>
        $"{term.Text}|{term.ConceptId}|{term.Language}|{term.Mode}|{term.ExactBoundaries}|{(term.Runs is null ? "-" : string.Join(',', term.Runs))}";

    private static string Describe(CompiledRule rule) =>
        $"{rule.Id}|{rule.Index}|{rule.File}|{rule.Language}|{rule.Signal}|{rule.Category}|{rule.Strength}|{rule.Message}|{string.Join(',', rule.All)}|{string.Join(',', rule.Any)}|"
        + $"{string.Join(',', rule.None)}|{rule.Window}|{rule.Ordered}|{rule.ImpliesPerson}|{rule.PatternText}|{string.Join('\u001f', rule.MatchExamples)}|{string.Join('\u001f', rule.NoMatchExamples)}";

    private static IEnumerable<ScreeningRequest> TuneRequests()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Data, "dev", "tune"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using var row = JsonDocument.Parse(line);
                yield return new ScreeningRequest(row.RootElement.GetProperty("prompt").GetString()!)
                {
                    HasSourceImage = row.RootElement.TryGetProperty("has_image", out var image) && image.GetBoolean(),
                };
            }
        }
    }
}
