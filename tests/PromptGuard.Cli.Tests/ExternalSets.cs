using System.Text.Json;
using Microsoft.VisualBasic.FileIO;

namespace PromptGuard.Cli.Tests;

/// <summary>
/// Reads the public evaluation sets beside the repository (../shared/eval/external). They are measured, never
/// copied into the repository or used to write rules.
/// </summary>
internal static class ExternalSets
{
    public static string Root =>
        Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "eval", "external"));

    /// <summary>Edit instructions written by others for ordinary image edits (label: allow, with a source image).</summary>
    public static IReadOnlyList<string> EditInstructions(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Root, "aurora-magicbrush-edits", file));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray().Select(e => e.GetProperty("instruction").GetString() ?? string.Empty).ToList();
    }

    public static IReadOnlyList<string> PartiPrompts() =>
        File.ReadLines(Path.Combine(Root, "partiprompts", "PartiPrompts.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToList();

    /// <summary>I2P prompts by row index.</summary>
    public static IReadOnlyDictionary<string, string> I2pPrompts()
    {
        using var parser = new TextFieldParser(Path.Combine(Root, "i2p", "unsafe-prompts4703.csv")) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var prompt = Array.IndexOf(header, "prompt");
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            prompts[fields[0]] = fields[prompt];
        }

        return prompts;
    }

    /// <summary>Row indices picked by a person (not by our word lists) from data/external/*.tsv.</summary>
    public static IReadOnlyList<string> Selection(string file) =>
        File.ReadLines(Path.Combine(RepositoryPaths.Data, "external", file)).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToList();
}
