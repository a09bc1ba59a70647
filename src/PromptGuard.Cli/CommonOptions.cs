using System.CommandLine;
using PromptGuard.Rules;

namespace PromptGuard.Cli;

/// <summary>Options several commands share, and building the screener they ask for.</summary>
internal static class CommonOptions
{
    public static Option<string?> Rules() => new("--rules")
    {
        Description = "Directory of rule files to use instead of the embedded default rules.",
        HelpName = "DIR",
    };

    public static Option<string?> Only() => new Option<string?>("--only")
    {
        Description = "Run one detector alone, for ablations: rules or classifier (default: both, fused by the policy).",
        HelpName = "rules|classifier",
    }.AcceptOnlyFromAmong("rules", "classifier");

    /// <summary>The prompt argument's text: itself, or standard input when it is "-".</summary>
    public static string ReadPrompt(string? argument, TextReader input) =>
        argument == "-" ? input.ReadToEnd().TrimEnd('\r', '\n') : argument ?? string.Empty;

    /// <summary>Builds the screener, or writes the configuration error and returns null.</summary>
    public static PromptScreener? TryBuildScreener(string? rulesDirectory, TextWriter error, string? only = null)
    {
        try
        {
            var detectors = only switch
            {
                "rules" => Detectors.Rules,
                "classifier" => Detectors.Classifier,
                _ => Detectors.All,
            };
            if (rulesDirectory is null && detectors == Detectors.All)
            {
                return PromptScreener.CreateDefault();
            }

            var builder = PromptScreener.CreateBuilder().WithOptions(new PromptScreenerOptions { Detectors = detectors });
            if (rulesDirectory is not null)
            {
                builder.UseRulesDirectory(rulesDirectory);
            }

            return builder.Build();
        }
        catch (RulePackException ex)
        {
            error.WriteLine("promptguard: the rule pack cannot be loaded.");
            foreach (var problem in ex.Problems)
            {
                error.WriteLine("  " + problem);
            }

            if (ex.Problems.Count == 0)
            {
                error.WriteLine("  " + ex.Message);
            }

            return null;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine("promptguard: " + ex.Message);
            return null;
        }
    }
}
