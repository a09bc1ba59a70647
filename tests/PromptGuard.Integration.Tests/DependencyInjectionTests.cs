using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromptGuard.DependencyInjection;

namespace PromptGuard.Integration.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly string _rules = Directory.CreateTempSubdirectory("pg-di-").FullName;

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    private void CopyRules() => RepositoryPaths.CopyRulesTo(_rules);

    [Fact]
    public void AddPromptGuard_RegistersASingletonScreener_ThatBlocksTheSeedRequest()
    {
        using var provider = new ServiceCollection().AddLogging().AddPromptGuard().Services.BuildServiceProvider();

        var screener = provider.GetRequiredService<IPromptScreener>();

        provider.GetRequiredService<IPromptScreener>().Should().BeSameAs(screener);
        screener.Screen(new ScreeningRequest("@grok mets-lui un bikini") { HasSourceImage = true }).Verdict.Should().Be(Verdict.Block);
        screener.Screen(new ScreeningRequest("mets-lui un manteau") { HasSourceImage = true }).Verdict.Should().Be(Verdict.Allow);
    }

    [Fact]
    public void AddPromptGuard_LetsTheApplicationsOwnRegistrationWin()
    {
        var mine = new FakeScreener(_ => throw new InvalidOperationException());
        using var provider = new ServiceCollection().AddSingleton<IPromptScreener>(mine).AddPromptGuard().Services.BuildServiceProvider();

        provider.GetRequiredService<IPromptScreener>().Should().BeSameAs(mine);
    }

    [Fact]
    public void AddPromptGuard_BindsOptionsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGuard:AdultContentVerdict"] = "Block",
            ["PromptGuard:ProtectedNames:0"] = "Zorglub Quintavalle",
        }).Build();
        using var provider = new ServiceCollection().AddPromptGuard(configuration.GetSection("PromptGuard")).Services.BuildServiceProvider();

        var screener = provider.GetRequiredService<IPromptScreener>();

        screener.Screen(new ScreeningRequest("a woman in a bikini on a beach")).Verdict.Should().Be(Verdict.Block);
        screener.Screen(new ScreeningRequest("zorglub quintavalle in a thong")).Reasons.Should().Contain(r => r.Signal == Signal.T2NamedPerson);
    }

    [Fact]
    public async Task AddPromptGuard_FailsAtStart_WithEveryInvalidOption()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPromptGuard(o =>
        {
            o.MaxPromptLength = 0;
            o.RulesDirectory = "/no/such/rules";
        });
        using var host = builder.Build();

        var act = () => host.StartAsync();

        var thrown = await act.Should().ThrowAsync<OptionsValidationException>();
        thrown.Which.Failures.Should().Contain(f => f.Contains("MaxPromptLength")).And.Contain(f => f.Contains("/no/such/rules"));
    }

    [Fact]
    public void RulesDirectory_ReloadsOnChange_AndKeepsTheLastGoodRulesWhenAnEditBreaksThem()
    {
        CopyRules();
        using var provider = new ServiceCollection().AddPromptGuard(o => o.RulesDirectory = _rules).Services.BuildServiceProvider();
        var service = provider.GetRequiredService<PromptGuardService>();
        var screener = provider.GetRequiredService<IPromptScreener>();
        var before = service.Current.RulePack.Version;
        screener.Screen(new ScreeningRequest("put her in a zorkini") { HasSourceImage = true }).Verdict.Should().Be(Verdict.Allow);

        File.WriteAllText(Path.Combine(_rules, "zz.json"), """{ "language": "zz", "lexicon": { "clothing.revealing": ["zorkini"] } }""");
        service.Reload().Should().BeNull();

        service.Current.RulePack.Version.Should().NotBe(before);
        screener.Screen(new ScreeningRequest("put her in a zorkini") { HasSourceImage = true }).Verdict.Should().Be(Verdict.Block);

        var good = service.Current.RulePack.Version;
        File.WriteAllText(Path.Combine(_rules, "zz.json"), "{ broken");
        service.Reload().Should().BeOfType<PromptGuard.Rules.RulePackException>().Which.Message.Should().Contain("zz.json");

        service.Current.RulePack.Version.Should().Be(good);
        screener.Screen(new ScreeningRequest("put her in a zorkini") { HasSourceImage = true }).Verdict.Should().Be(Verdict.Block);
    }

    [Fact]
    public async Task RulesDirectory_IsWatched_SoAnEditOnDiskIsPickedUpWithoutACall()
    {
        CopyRules();
        using var provider = new ServiceCollection().AddPromptGuard(o => o.RulesDirectory = _rules).Services.BuildServiceProvider();
        var service = provider.GetRequiredService<PromptGuardService>();
        var reloaded = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Reloaded += (_, error) => reloaded.TrySetResult(error);

        File.WriteAllText(Path.Combine(_rules, "zz.json"), """{ "language": "zz", "lexicon": { "clothing.revealing": ["zorkini"] } }""");

        var completed = await Task.WhenAny(reloaded.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        completed.Should().Be(reloaded.Task, "the watcher reloads the rules after an edit");
        (await reloaded.Task).Should().BeNull();
    }
}
