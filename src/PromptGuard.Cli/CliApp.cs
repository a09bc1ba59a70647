using System.CommandLine;
using PromptGuard.Cli.Commands;

namespace PromptGuard.Cli;

/// <summary>The command tree, with its input and output injectable so tests run it in-process.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("PromptGuard: screens requests to image models for sexualized imagery of real people and minors.")
        {
            CheckCommand.Create(input, output, error),
            ScanCommand.Create(input, output, error),
            EvalCommand.Create(output, error),
            ExplainCommand.Create(input, output, error),
            RulesCommand.Create(output, error),
            TrainCommand.Create(output, error),
        };

        // Prompts start with "@grok" often: response files ("@file") would eat them, so they are off.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine("promptguard: " + problem.Message);
            }

            error.WriteLine("Run 'promptguard --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("promptguard: " + ex.Message);
            return ExitCodes.UsageError;
        }
    }
}
