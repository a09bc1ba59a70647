using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PromptGuard;

// Options come from appsettings.json ("PromptGuard" section), are validated at start, and the rules directory is
// watched: an edit is compiled off the hot path and swapped in; a broken edit keeps the last good rules.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPromptGuard(builder.Configuration.GetSection("PromptGuard"))
    .PostConfigure(options =>
    {
        // appsettings.json names the rules relative to this program's folder.
        if (options.RulesDirectory is { } rules && !Path.IsPathRooted(rules))
        {
            options.RulesDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, rules));
        }
    });
using var host = builder.Build();
await host.StartAsync();

var screener = host.Services.GetRequiredService<IPromptScreener>();
foreach (var prompt in new[] { "jane example in lingerie", "a woman in a bikini on a beach", "mets-lui un manteau" })
{
    var result = screener.Screen(new ScreeningRequest(prompt) { HasSourceImage = false });
    Console.WriteLine($"{result.Verdict,-6} {result.PolicyRuleId,-36} {prompt}");
}

await host.StopAsync();

/// <summary>Lets tests find this sample's assembly.</summary>
public sealed class DiHostMarker;
