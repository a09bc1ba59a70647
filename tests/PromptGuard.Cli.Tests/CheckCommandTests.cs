using System.Text.Json;

namespace PromptGuard.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void Check_ExitsOne_AndMarksTheSpans_ForTheSeedRequestOnAPhoto()
    {
        var (code, output, _) = CliRunner.Run("check", "--image", "@grok mets-lui un bikini");

        code.Should().Be(1);
        output.Should().StartWith("BLOCK");
        output.Should().Contain("PG-COM-A2-0001").And.Contain("[bikini]").And.Contain("mets[-lui]");
    }

    [Fact]
    public void Check_ExitsZero_ForAnOrdinaryEdit()
    {
        var (code, output, _) = CliRunner.Run("check", "--image", "mets-lui un manteau");

        code.Should().Be(0);
        output.Should().StartWith("ALLOW");
    }

    [Fact]
    public void Check_PrintsTheFullResult_AsJson()
    {
        var (code, output, _) = CliRunner.Run("check", "--image", "--json", "@grok mets-lui un bikini");

        code.Should().Be(1);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("verdict").GetString().Should().Be("block");
        root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Contain("non-consensual-intimate-imagery");
        var reason = root.GetProperty("reasons").EnumerateArray().First(r => r.GetProperty("signal").GetString() == "A2");
        reason.GetProperty("text").GetString().Should().Be("bikini");
        reason.GetProperty("offset").GetInt32().Should().Be(18);
        reason.GetProperty("length").GetInt32().Should().Be(6);
        reason.GetProperty("source").GetString().Should().Be("rule");
        root.GetProperty("rulePackVersion").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Check_ReadsThePromptFromStandardInput_WhenGivenADash()
    {
        var (code, _, _) = CliRunner.RunWithInput("put her in lingerie\n", "check", "--image", "-");

        code.Should().Be(1);
    }

    [Fact]
    public void Check_ExitsTwo_OnAUsageError()
    {
        var (code, _, error) = CliRunner.Run("check", "--no-such-option", "x");

        code.Should().Be(2);
        error.Should().NotBeEmpty();
    }

    [Fact]
    public void Check_ExitsTwo_AndNamesTheFileAndRule_WhenARuleFileIsBroken()
    {
        var directory = Directory.CreateTempSubdirectory("pg-cli-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "en.json"), """
                { "language": "en", "lexicon": { "a.b": ["bikini"] },
                  "rules": [ { "id": "PG-EN-A2-0001", "signal": "A2", "message": "m", "any": ["missing.concept"], "examples": { "match": ["bikini"] } } ] }
                """);

            var (code, _, error) = CliRunner.Run("check", "--rules", directory, "bikini");

            code.Should().Be(2);
            error.Should().Contain("en.json").And.Contain("PG-EN-A2-0001").And.Contain("missing.concept");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
