using System.Text.Json;
using PromptGuard.Evasion;
using PromptGuard.Normalization;
using PromptGuard.Rules;

namespace PromptGuard.Tests.Rules;

public sealed class PatternPrefilterTests
{
    [Theory]
    [InlineData(@"\bklas(e|en)\s+([1-9]|1[0-2])\b", new[] { "klase 1", "klase 2", "klase 3", "klase 4", "klase 5", "klase 6", "klase 7", "klase 8", "klase 9", "klasen 1", "klasen 2", "klasen 3", "klasen 4", "klasen 5", "klasen 6", "klasen 7", "klasen 8", "klasen 9" })]
    [InlineData(@"\bak\s*[1-3]\b", new[] { "ak1", "ak2", "ak3", "ak 1", "ak 2", "ak 3" })]
    [InlineData(@"(?:^|[^赤])裸(?:$|[ 、。])", new[] { "裸" })]
    [InlineData(@"\((?:1[0-7]|[1-9])\)", new[] { "(10)", "(11)", "(12)", "(13)", "(14)", "(15)", "(16)", "(17)", "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)" })]
    [InlineData(@"\bZIEH(e|t)?\s+sie", new[] { "ziehe sie", "zieht sie", "zieh sie" })]
    [InlineData(@"[6-8]\. ?sinif", new[] { "6. sinif", "6.sinif", "7. sinif", "7.sinif", "8. sinif", "8.sinif" })]
    public void RequiredLiterals_FindsStringsEveryMatchContains(string pattern, string[] expected)
    {
        RequiredLiterals.Of(pattern).Should().BeEquivalentTo(expected);
    }

    [Theory]
    [InlineData(@"\w+")]
    [InlineData(@"(a|\d)x?")]
    [InlineData(@"(?:nu|)")]
    [InlineData(@"(?i)nude")]
    [InlineData(@"x*")]
    [InlineData(@"[^a]")]
    public void RequiredLiterals_GivesNoRequirement_WhenAMatchNeedNotContainAnyFixedString(string pattern)
    {
        RequiredLiterals.Of(pattern).Should().BeNull();
    }

    [Fact]
    public void RequiredLiterals_NeverThrows_OnArbitraryPatternText()
    {
        // Rule files are edited by hand: whatever a pattern holds, the analysis answers "requires these" or "always run".
        var random = new Random(11);
        const string Alphabet = @"ab(|)?*+{}[]^$\-.,:0129bBwWdDpPu<>=!";
        var patterns = Enumerable.Range(0, 20_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(1, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()))
            .Append(new string('(', 100_000) + "a" + new string(')', 100_000))
            .Append(@"[a-\")
            .Append(@"\u12")
            .Append("a{2,1}");

        foreach (var pattern in patterns)
        {
            var act = () => RequiredLiterals.Of(pattern);
            act.Should().NotThrow(pattern);
        }
    }

    [Fact]
    public void Prefilter_FiltersMostShippedPatterns()
    {
        var pack = RulePack.LoadDefault();

        pack.PatternPrefilter.PatternCount.Should().Be(pack.PatternRules.Count);
        pack.PatternPrefilter.AnalyzedCount.Should().BeGreaterThanOrEqualTo(pack.PatternRules.Count - 2,
            "a pattern the analysis cannot read runs on every prompt, which is the cost the prefilter removes");
    }

    [Fact]
    public void Prefilter_NeverRulesOutAPatternThatMatches_OnTheCorporaTheirDisguisesAndTheRuleExamples()
    {
        var pack = RulePack.LoadDefault();
        var prompts = TunePrompts().Concat(pack.PatternRules.SelectMany(r => r.MatchExamples.Concat(r.NoMatchExamples))).ToList();
        var disguised = prompts.Take(3000).SelectMany(p => Enum.GetValues<EvasionKind>()
            .Select(kind => EvasionGenerator.Apply(p, kind, [new PromptSpan(0, p.Length)], new HashSet<string>()))
            .OfType<string>());
        var candidates = new bool[pack.PatternRules.Count];
        var scratch = new List<ConceptHit>();
        var matches = 0;
        var skipped = 0;

        foreach (var prompt in prompts.Concat(disguised))
        {
            var text = TextNormalizer.Instance.Normalize(prompt).Text;
            pack.PatternPrefilter.FindCandidates(text, candidates, scratch);
            for (var i = 0; i < candidates.Length; i++)
            {
                if (pack.PatternRules[i].Pattern!.IsMatch(text))
                {
                    candidates[i].Should().BeTrue($"{pack.PatternRules[i].Id} matches \"{text}\"");
                    matches++;
                }
                else if (!candidates[i])
                {
                    skipped++;
                }
            }
        }

        matches.Should().BeGreaterThan(200, "the check must cover texts the patterns match, not only ones they miss");
        skipped.Should().BeGreaterThan(prompts.Count * pack.PatternRules.Count / 2, "most patterns are ruled out on most prompts");
    }

    private static IEnumerable<string> TunePrompts() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Data, "dev", "tune"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prompt").GetString()!);
}
