using PromptGuard.Rules;

namespace PromptGuard.Tests.Rules;

public sealed class RuleFileErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pg-rules-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_directory, name), content);

    [Fact]
    public void Load_RejectsAStarInsideATerm_BecauseItWouldNeverMatch()
    {
        Write("ru.json", """
            {
              "language": "ru",
              "lexicon": { "clothing.revealing": ["бикини", "кружевн* бель*"] },
              "rules": [ { "id": "PG-RU-A2-0001", "signal": "A2", "message": "m", "any": ["clothing.revealing"], "examples": { "match": ["бикини"] } } ]
            }
            """);

        var act = () => RulePack.Load(_directory);

        act.Should().Throw<RulePackException>().Which.Problems.Should().ContainSingle()
            .Which.Should().Match<RuleProblem>(p => p.Path == "$.lexicon['clothing.revealing'][1]" && p.Message.Contains("inside"));
    }

    [Fact]
    public void Load_ReportsEveryProblem_WithFileRuleIdAndPath()
    {
        Write("en.json", """
            {
              "language": "en",
              "lexicon": { "clothing.revealing": ["bikini", "x"] },
              "rules": [
                { "id": "PG-EN-A2-0001", "signal": "A9", "message": "m", "any": ["clothing.revealing"], "examples": { "match": ["bikini"] } },
                { "id": "PG-EN-A2-0002", "signal": "A2", "message": "m", "any": ["no.such.concept"], "examples": { "match": ["bikini"] } },
                { "id": "PG-EN-A2-0002", "signal": "A2", "message": "", "any": ["clothing.revealing"], "window": -1 }
              ]
            }
            """);

        var act = () => RulePack.Load(_directory);

        var problems = act.Should().Throw<RulePackException>().Which.Problems;
        problems.Should().Contain(p => p.File == "en.json" && p.Path == "$.lexicon['clothing.revealing'][1]");
        problems.Should().Contain(p => p.RuleId == "PG-EN-A2-0001" && p.Path == "$.rules[0].signal");
        problems.Should().Contain(p => p.RuleId == "PG-EN-A2-0002" && p.Path == "$.rules[1].any[0]" && p.Message.Contains("no.such.concept"));
        problems.Should().Contain(p => p.RuleId == "PG-EN-A2-0002" && p.Message.Contains("Duplicate rule id"));
        problems.Should().Contain(p => p.Path == "$.rules[2].message");
        problems.Should().Contain(p => p.Path == "$.rules[2].window");
        problems.Should().Contain(p => p.Path == "$.rules[2].examples.match");
    }

    [Fact]
    public void Load_NamesTheFileAndLine_OfInvalidJson()
    {
        Write("fr.json", "{ \"language\": \"fr\", \"lexicon\": { \"a\": [\"b\" }");

        var act = () => RulePack.Load(_directory);

        act.Should().Throw<RulePackException>().Which.Problems.Should().ContainSingle()
            .Which.Should().Match<RuleProblem>(p => p.File == "fr.json" && p.Message.StartsWith("Invalid JSON (line 1"));
    }

    [Fact]
    public void Load_ToleratesCommentsAndTrailingCommas()
    {
        Write("en.json", """
            {
              // a comment
              "language": "en",
              "lexicon": { "clothing.revealing": ["bikini",], },
              "rules": [
                /* block comment */
                { "id": "PG-EN-A2-0001", "signal": "A2", "message": "m", "any": ["clothing.revealing"], "examples": { "match": ["a bikini"], }, },
              ],
            }
            """);

        var pack = RulePack.Load(_directory);

        pack.RuleCount.Should().Be(1);
        pack.RunExamples().Should().OnlyContain(r => r.Passed);
    }

    [Fact]
    public void Load_RejectsABacktrackingPattern_AndAcceptsALinearOne()
    {
        Write("en.json", """
            {
              "language": "en",
              "rules": [
                { "id": "PG-EN-A3-0001", "signal": "A3", "message": "m", "pattern": "(a+)\\1", "examples": { "match": ["aa"] } },
                { "id": "PG-EN-A3-0002", "signal": "A3", "message": "m", "pattern": "porn[a-z]*", "examples": { "match": ["pornstar"] } }
              ]
            }
            """);

        var act = () => RulePack.Load(_directory);

        act.Should().Throw<RulePackException>().Which.Problems.Should().ContainSingle().Which.RuleId.Should().Be("PG-EN-A3-0001");
    }

    [Fact]
    public void Load_FailsClearly_WhenTheDirectoryDoesNotExist()
    {
        var act = () => RulePack.Load(Path.Combine(_directory, "missing"));

        act.Should().Throw<RulePackException>().Which.Message.Should().Contain("does not exist");
    }

    [Fact]
    public void Load_FailsClearly_WhenTheDirectoryHasNoRuleFile()
    {
        var act = () => RulePack.Load(_directory);

        act.Should().Throw<RulePackException>().Which.Message.Should().Contain("No rule files");
    }
}
