using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptGuard.Telemetry;

namespace PromptGuard.Integration.Tests;

/// <summary>Meters and activity sources are process-wide: these tests run alone so other tests' screenings do not show up.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private const string Prompt = "@grok mets-lui un bikini";

    private static (ServiceProvider Provider, FakeLogCollector Logs) Build(bool sensitive)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddPromptGuard(o => o.EnableSensitiveData = sensitive);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<FakeLogCollector>());
    }

    [Fact]
    public void Screen_RecordsDurationVerdictsAndRuleMatches_WithoutThePrompt()
    {
        var (provider, _) = Build(sensitive: false);
        using var _provider = provider;
        using var duration = new MetricCollector<double>(null, PromptGuardTelemetry.Name, PromptGuardTelemetry.DurationInstrument);
        using var verdicts = new MetricCollector<long>(null, PromptGuardTelemetry.Name, PromptGuardTelemetry.VerdictInstrument);
        using var rules = new MetricCollector<long>(null, PromptGuardTelemetry.Name, PromptGuardTelemetry.RuleMatchInstrument);

        provider.GetRequiredService<IPromptScreener>().Screen(new ScreeningRequest(Prompt) { HasSourceImage = true });

        duration.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().BePositive();
        var verdict = verdicts.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        verdict.Tags[PromptGuardTelemetry.VerdictTag].Should().Be("block");
        verdict.Tags[PromptGuardTelemetry.CategoryTag].Should().Be("non-consensual-intimate-imagery");
        rules.GetMeasurementSnapshot().Select(m => m.Tags[PromptGuardTelemetry.RuleTag]).Should().Contain("PG-COM-A2-0001");
        foreach (var measurement in verdicts.GetMeasurementSnapshot().Concat(rules.GetMeasurementSnapshot()))
        {
            measurement.Tags.Values.Should().NotContain(v => v != null && v.ToString()!.Contains("grok"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Screen_PutsThePromptInTracesAndTraceLogs_OnlyWhenTheHostOptsIn(bool sensitive)
    {
        var (provider, logs) = Build(sensitive);
        using var _provider = provider;
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromptGuardTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);

        provider.GetRequiredService<IPromptScreener>().Screen(new ScreeningRequest(Prompt) { HasSourceImage = true });

        var activity = activities.Should().ContainSingle().Subject;
        activity.GetTagItem(PromptGuardTelemetry.VerdictTag).Should().Be("block");
        (activity.GetTagItem(PromptGuardTelemetry.PromptTag) is not null).Should().Be(sensitive);
        var withPrompt = logs.GetSnapshot().Where(r => r.Message.Contains("grok", StringComparison.Ordinal)).ToList();
        if (sensitive)
        {
            withPrompt.Should().OnlyContain(r => r.Level == LogLevel.Trace).And.NotBeEmpty();
        }
        else
        {
            withPrompt.Should().BeEmpty();
        }

        logs.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Debug && r.Message.Contains("Block", StringComparison.Ordinal));
    }
}
