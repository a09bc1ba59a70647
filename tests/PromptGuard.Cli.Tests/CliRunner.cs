namespace PromptGuard.Cli.Tests;

/// <summary>Runs the CLI in-process with captured input and output.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, input, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => RunWithInput(string.Empty, args);
}
