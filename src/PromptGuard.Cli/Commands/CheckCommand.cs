using System.CommandLine;
using System.Text;
using System.Text.Json;
using PromptGuard.Cli.Output;

namespace PromptGuard.Cli.Commands;

/// <summary><c>promptguard check [--image] [--lang xx] [--json] [--rules DIR] &lt;prompt | -&gt;</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var image = new Option<bool>("--image") { Description = "The request edits an image the user supplied (pronouns then point at the pictured person)." };
        var language = new Option<string?>("--lang") { Description = "Language hint (BCP 47, e.g. fr).", HelpName = "xx" };
        var json = new Option<bool>("--json") { Description = "Print the full result as JSON." };
        var rules = CommonOptions.Rules();
        var only = CommonOptions.Only();
        var prompt = new Argument<string>("prompt") { Description = "The prompt to screen, or - to read it from standard input." };
        var command = new Command("check", "Screen one prompt and print the verdict with its reasons. Exit code: 0 allow, 1 review or block, 2 error.")
        {
            image, language, json, rules, only, prompt,
        };
        command.SetAction(parse =>
        {
            var screener = CommonOptions.TryBuildScreener(parse.GetValue(rules), error, parse.GetValue(only));
            if (screener is null)
            {
                return ExitCodes.UsageError;
            }

            var text = CommonOptions.ReadPrompt(parse.GetValue(prompt), input);

            var result = screener.Screen(new ScreeningRequest(text) { HasSourceImage = parse.GetValue(image), Language = parse.GetValue(language) });
            if (parse.GetValue(json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    ResultJson.WriteResult(writer, result);
                }

                output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                ResultText.Write(output, text, result, Ansi.Enabled(output));
            }

            return result.IsFlagged ? ExitCodes.Flagged : ExitCodes.Ok;
        });
        return command;
    }
}
