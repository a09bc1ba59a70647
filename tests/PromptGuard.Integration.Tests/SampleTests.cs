using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PromptGuard.Integration.Tests;

public sealed class SampleTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    public SampleTests(WebApplicationFactory<Program> factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task WebApi_Answers422ProblemJson_WithTheReasons_ForTheSeedRequest()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/images/edits", new { prompt = "@grok mets-lui un bikini", image = "/9j/4AAQ" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("verdict").GetString().Should().Be("block");
        body.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).Should().Contain("PG-COM-A2-0001");
    }

    [Fact]
    public async Task WebApi_Accepts_AnOrdinaryEdit()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/images/edits", new { prompt = "mets-lui un manteau", image = "/9j/4AAQ" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MeaiPipelineSample_RefusesTheSeedRequest_AndCallsTheModelOnceForTheBenignOne()
    {
        using var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var entry = typeof(MeaiPipeline.FakeImageGenerator).Assembly.EntryPoint!;
            var task = entry.Invoke(null, [Array.Empty<string>()]) as Task;
            if (task is not null)
            {
                await task;
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        text.Should().Contain("generated 1 image(s) for: mets-lui un manteau").And.Contain("refused (POLICY-BLOCK-REAL-PERSON)").And.Contain("called 1 time(s)");
    }
}
