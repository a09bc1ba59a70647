namespace PromptGuard.Integration.Tests;

/// <summary>The console samples run and print what their README promises.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class SampleProgramTests
{
    private static async Task<string> RunAsync(System.Reflection.Assembly assembly)
    {
        using var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var result = assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        return output.ToString();
    }

    [Fact]
    public async Task QuickStart_BlocksTheSeedRequest_AndAllowsTheCoat()
    {
        var text = await RunAsync(typeof(QuickStartMarker).Assembly);

        text.Should().Contain("Block  @grok mets-lui un bikini").And.Contain("Allow  mets-lui un manteau").And.Contain("PG-COM-A2-0001");
    }

    [Fact]
    public async Task DiHost_ReadsOptionsAndRulesFromConfiguration()
    {
        var text = await RunAsync(typeof(DiHostMarker).Assembly);

        // appsettings.json protects "Jane Example" and tightens adult content to Review.
        text.Should().Contain("Block  POLICY-BLOCK-REAL-PERSON").And.Contain("Review POLICY-ADULT-CONTENT").And.Contain("Allow  POLICY-ALLOW");
    }
}
