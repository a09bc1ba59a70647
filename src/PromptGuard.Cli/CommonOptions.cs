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

    /// <summary>Builds the screener, or writes the configuration error and returns null.</summary>
    public static PromptScreener? TryBuildScreener(string? rulesDirectory, TextWriter error)
    {
        try
        {
            var builder = PromptScreener.CreateBuilder();
            if (rulesDirectory is not null)
            {
                builder.UseRulesDirectory(rulesDirectory);
            }

            return rulesDirectory is null ? PromptScreener.CreateDefault() : builder.Build();
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
