using System.CommandLine;
using System.Runtime.CompilerServices;
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
        var threads = new Option<int>("--threads")
        {
            Description = "Rows screened at once (default: one per core). Output stays in input order.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be 1 or more.");
            }
        });
        var command = new Command("scan", "Screen every row of a JSON Lines file. Malformed rows get an error line; the scan goes on.") { file, rules, only, threads };
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
                Run(screener, reader, output, parse.GetValue(threads));
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

    /// <summary>Rows read, screened and written per batch: big enough to keep every core busy, small enough to stream.</summary>
    private const int BatchSize = 512;

    public static void Run(IPromptScreener screener, TextReader reader, TextWriter output, int threads = 1)
    {
        var buffer = new MemoryStream();
        var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var lines = new string[BatchSize];
        var rows = new ScannedRow[BatchSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        while (true)
        {
            var count = 0;
            string? line;
            while (count < BatchSize && (line = reader.ReadLine()) is not null)
            {
                lines[count++] = line;
            }

            if (count == 0)
            {
                break;
            }

            // Screening is thread-safe and dominates the cost; rows are written afterwards in input order.
            if (threads > 1 && count > 1)
            {
                Parallel.For(0, count, parallel, i => rows[i] = ScanRow(screener, lines[i]));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    rows[i] = ScanRow(screener, lines[i]);
                }
            }

            for (var i = 0; i < count; i++)
            {
                if (rows[i].Result is { } result)
                {
                    ResultJson.WriteScanRow(writer, rows[i].Id, result);
                }
                else
                {
                    ResultJson.WriteErrorRow(writer, rows[i].Id, rows[i].Problem);
                }

                writer.Flush();
                buffer.WriteByte((byte)'\n');

                // Each row is its own JSON document.
                writer.Reset(buffer);
                rows[i] = default;
            }

            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            buffer.SetLength(0);
        }

        output.Flush();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ScannedRow ScanRow(IPromptScreener screener, string line)
    {
        if (!RowReader.TryRead(line, out var row, out var problem))
        {
            return new ScannedRow(row.Id, null, problem);
        }

        var result = screener.Screen(new ScreeningRequest(row.Prompt) { HasSourceImage = row.HasImage, Language = row.Language });
        return new ScannedRow(row.Id, result, string.Empty);
    }

    private readonly record struct ScannedRow(JsonElement? Id, ScreeningResult? Result, string Problem);
}
