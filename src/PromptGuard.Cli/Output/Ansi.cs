namespace PromptGuard.Cli.Output;

/// <summary>Terminal colours, only when writing to a terminal and NO_COLOR is unset.</summary>
internal static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Red = "\u001b[1;31m";
    public const string Yellow = "\u001b[1;33m";
    public const string Green = "\u001b[1;32m";
    public const string Highlight = "\u001b[7m";
    public const string Dim = "\u001b[2m";

    public static bool Enabled(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
}
