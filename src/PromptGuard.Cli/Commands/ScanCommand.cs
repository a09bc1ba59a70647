using System.Buffers;
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
            Stream source;
            try
            {
                source = path == "-" ? OpenInput(input) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"promptguard: cannot read '{path}': {ex.Message}");
                return ExitCodes.UsageError;
            }

            try
            {
                using var sink = ReferenceEquals(output, Console.Out) ? Console.OpenStandardOutput() : null;
                Run(screener, source, sink, sink is null ? output : null, parse.GetValue(threads));
            }
            catch (IOException ex)
            {
                error.WriteLine($"promptguard: reading '{path}' failed: {ex.Message}");
                return ExitCodes.UsageError;
            }
            finally
            {
                source.Dispose();
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Rows read, screened and written per batch: big enough to keep every core busy, small enough to stream.</summary>
    private const int BatchSize = 512;

    [ThreadStatic]
    private static RowWriter? t_writer;

    /// <remarks>
    /// The rows stay UTF-8 bytes from end to end: each is parsed, screened and serialized on the worker that takes it,
    /// and only the ordered copy to the output is serial, so a second core is not left waiting on the first.
    /// </remarks>
    private static void Run(IPromptScreener screener, Stream input, Stream? bytesOutput, TextWriter? textOutput, int threads)
    {
        var lines = new JsonLines(input);
        var rows = new ReadOnlyMemory<byte>[BatchSize];
        var written = new byte[BatchSize][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var batch = new MemoryStream();
        while (true)
        {
            var count = 0;
            while (count < BatchSize && lines.TryReadLine(out var line))
            {
                rows[count++] = line;
            }

            if (count == 0)
            {
                break;
            }

            if (threads > 1 && count > 1)
            {
                Parallel.For(0, count, parallel, i => written[i] = ScanRow(screener, rows[i].Span));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    written[i] = ScanRow(screener, rows[i].Span);
                }
            }

            batch.SetLength(0);
            for (var i = 0; i < count; i++)
            {
                batch.Write(written[i]);
                written[i] = null!;
                rows[i] = default;
            }

            if (bytesOutput is not null)
            {
                bytesOutput.Write(batch.GetBuffer(), 0, (int)batch.Length);
            }
            else
            {
                textOutput!.Write(Encoding.UTF8.GetString(batch.GetBuffer(), 0, (int)batch.Length));
            }
        }

        bytesOutput?.Flush();
        textOutput?.Flush();
    }

    /// <summary>Standard input as bytes; a reader that is not the console (tests) is read whole.</summary>
    private static Stream OpenInput(TextReader input) =>
        ReferenceEquals(input, Console.In) ? Console.OpenStandardInput() : new MemoryStream(Encoding.UTF8.GetBytes(input.ReadToEnd()));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] ScanRow(IPromptScreener screener, ReadOnlySpan<byte> line)
    {
        var writer = t_writer ??= new RowWriter();
        if (!RowReader.TryRead(line, out var row, out var problem))
        {
            return writer.Write(row.Id, null, problem);
        }

        var result = screener.Screen(new ScreeningRequest(row.Prompt) { HasSourceImage = row.HasImage, Language = row.Language });
        return writer.Write(row.Id, result, string.Empty);
    }

    /// <summary>One worker's JSON writer, reused for every row it writes.</summary>
    private sealed class RowWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);
        private readonly Utf8JsonWriter _json;

        public RowWriter()
        {
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        public byte[] Write(RowId id, ScreeningResult? result, string problem)
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            if (result is not null)
            {
                ResultJson.WriteScanRow(_json, id, result);
            }
            else
            {
                ResultJson.WriteErrorRow(_json, id, problem);
            }

            _json.Flush();
            var line = new byte[_buffer.WrittenCount + 1];
            _buffer.WrittenSpan.CopyTo(line);
            line[^1] = (byte)'\n';
            return line;
        }
    }
}
