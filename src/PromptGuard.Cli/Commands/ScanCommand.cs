using System.CommandLine;
using System.Text;
using System.Text.Json;
using PromptGuard.Cli.Output;

namespace PromptGuard.Cli.Commands;

/// <summary><c>promptguard scan &lt;file.jsonl | -&gt; [--rules DIR]</c>: one verdict line per input row, in order.</summary>
internal static class ScanCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "JSON Lines with {\"id\", \"prompt\", \"has_image\"} per row, or - for standard input." };
        var rules = CommonOptions.Rules();
        var only = CommonOptions.Only();
        var command = new Command("scan", "Screen every row of a JSON Lines file. Malformed rows get an error line; the scan goes on.") { file, rules, only };
        command.SetAction(parse =>
        {
            var screener = CommonOptions.TryBuildScreener(parse.GetValue(rules), error, parse.GetValue(only));
            if (screener is null)
            {
                return ExitCodes.UsageError;
            }

            var path = parse.GetValue(file)!;
            TextReader reader;
            try
            {
                reader = path == "-" ? input : new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"promptguard: cannot read '{path}': {ex.Message}");
                return ExitCodes.UsageError;
            }

            try
            {
                Run(screener, reader, output);
            }
            catch (IOException ex)
            {
                error.WriteLine($"promptguard: reading '{path}' failed: {ex.Message}");
                return ExitCodes.UsageError;
            }
            finally
            {
                if (!ReferenceEquals(reader, input))
                {
                    reader.Dispose();
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Run(IPromptScreener screener, TextReader reader, TextWriter output)
    {
        var buffer = new MemoryStream();
        var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            ScanRow(screener, line, writer);
            writer.Flush();
            buffer.WriteByte((byte)'\n');
            if (buffer.Length > 64 * 1024)
            {
                output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                buffer.SetLength(0);
            }

            // Each row is its own JSON document.
            writer.Reset(buffer);
        }

        writer.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }

    private static void ScanRow(IPromptScreener screener, string line, Utf8JsonWriter writer)
    {
        if (!RowReader.TryRead(line, out var row, out var problem))
        {
            ResultJson.WriteErrorRow(writer, row.Id, problem);
            return;
        }

        var result = screener.Screen(new ScreeningRequest(row.Prompt) { HasSourceImage = row.HasImage, Language = row.Language });
        ResultJson.WriteScanRow(writer, row.Id, result);
    }
}
