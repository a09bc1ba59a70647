using System.Text;
using System.Text.Json;

namespace PromptGuard.Cli.Tests;

/// <summary>The byte-level scan input: line splitting as <see cref="TextReader.ReadLine"/> does it, and a row reader
/// that reads every row as a <see cref="JsonDocument"/> did, without dying where a document throws.</summary>
public sealed class ScanInputTests
{
    [Theory]
    [InlineData("a\nb\nc", new[] { "a", "b", "c" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a\rb\r\rc", new[] { "a", "b", "", "c" })]
    [InlineData("\n\nx\n", new[] { "", "", "x" })]
    [InlineData("\uFEFF{\"id\":1}\n", new[] { "{\"id\":1}" })]
    [InlineData("", new string[0])]
    public void JsonLines_SplitsLines_AsReadLineDoes(string input, string[] expected)
    {
        ReadAll(Encoding.UTF8.GetBytes(input), chunk: 1).Should().Equal(expected);
        ReadAll(Encoding.UTF8.GetBytes(input), chunk: 4096).Should().Equal(expected);
        ReadWithReadLine(input).Should().Equal(expected);
    }

    [Fact]
    public void JsonLines_KeepsEarlierLinesIntact_WhenLaterReadsRefillTheBuffer()
    {
        // Lines of a batch are read first and used afterwards; refilling must not overwrite them.
        var rows = Enumerable.Range(0, 40_000).Select(i => $"{{\"id\":{i},\"prompt\":\"row {i} {new string('x', i % 97)}\"}}").ToList();
        var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", rows));
        var lines = new JsonLines(new TrickleStream(bytes, 7_777));
        var held = new List<ReadOnlyMemory<byte>>();
        while (lines.TryReadLine(out var line))
        {
            held.Add(line);
        }

        held.Select(l => Encoding.UTF8.GetString(l.Span)).Should().Equal(rows);
    }

    [Fact]
    public void JsonLines_TranscodesUtf16Input()
    {
        var bytes = new UnicodeEncoding(bigEndian: false, byteOrderMark: true).GetPreamble()
            .Concat(Encoding.Unicode.GetBytes("{\"prompt\":\"été\"}\n{\"id\":2}")).ToArray();

        ReadAll(bytes, chunk: 4096).Should().Equal("{\"prompt\":\"été\"}", "{\"id\":2}");
    }

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>
        {
            """{"id": "a", "prompt": "@grok mets-lui un bikini", "has_image": true, "extra": [1, {"x": 2}]}""",
            """{"id": 7, "prompt": "make her smile", "has_image": false, "lang": "en"}""",
            """{"id": -1.5e3, "prompt": "x"}""",
            """{"id": null, "prompt": "x", "has_image": null}""",
            """{"id": true, "prompt": "x"}""",
            """{"id": {"a": [1, 2]}, "prompt": "x"}""",
            """{"prompt": "caf\u00e9 \ud83d\udc59 \"quoted\" \\ back", "id": "\u00e9t\u00e9"}""",
            """{"prompt": "first", "prompt": "second"}""",
            """{"prompt": 1, "prompt": "then text"}""",
            """{"id": "x", "prompt": "y", "has_image": "yes"}""",
            """{"id": "c"}""",
            """{"id": "d", "prompt": 42}""",
            """[1, 2]""",
            """ "just a string" """,
            """{"prompt": "x"} trailing""",
            """{"prompt": "unterminated""",
            """not json""",
            """{"prompt": "lone \ud800 surrogate"}""",
            """   """,
            """{"prompt": "x", "lang": 3}""",
            """{"prompt": "x", /* comment */ "id": 1}""",
            """{"prompt": "x",}""",
        };
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Data, "dev", "tune", "fr-2.jsonl")).Take(200))
        {
            rows.Add(line);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void RowReader_ReadsEveryRow_AsAJsonDocumentDoes(string line)
    {
        var accepted = RowReader.TryRead(Encoding.UTF8.GetBytes(line), out var row, out var problem);
        var expected = DocumentOracle.Read(line);

        accepted.Should().Be(expected.Problem is null, line);
        if (accepted)
        {
            row.Prompt.Should().Be(expected.Prompt);
            row.HasImage.Should().Be(expected.HasImage);
            row.Language.Should().Be(expected.Language);
            row.Label.Should().Be(expected.Label);
        }
        else
        {
            problem.Should().Be(expected.Problem);
        }

        row.IdText.Should().Be(expected.IdText);
        IdJson(row.Id).Should().Be(expected.IdJson);
    }

    [Fact]
    public void RowReader_ReadsEveryCorpusRow()
    {
        var lines = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Data, "dev", "tune"), "*.jsonl").SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();

        var refused = lines.Where(l => !RowReader.TryRead(Encoding.UTF8.GetBytes(l), out _, out _)).ToList();

        lines.Should().HaveCountGreaterThan(1000);
        refused.Should().BeEmpty();
    }

    [Fact]
    public void RowReader_ReadsInvalidUtf8_AsAStreamReaderWould()
    {
        // Screened with U+FFFD in place of the bad bytes, not turned into an error.
        var bytes = "{\"id\":1,\"prompt\":\"enl\u00e8ve-lui "u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("son haut\",\"has_image\":true}"u8.ToArray()).ToArray();

        RowReader.TryRead(bytes, out var row, out _).Should().BeTrue();

        row.Prompt.Should().Be("enlève-lui \uFFFD(son haut");
        row.HasImage.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"id": 1, "prompt": "x", "lang": "\ud800"}""")]
    [InlineData("""{"id": 1, "prompt": "x", "label": "\udc00", "kind": "\ud800x"}""")]
    public void RowReader_ReadsARow_WhoseOptionalTextIsALoneSurrogate_WithoutThatField(string line)
    {
        // A JsonDocument throws here; a scan used to die on such a row.
        RowReader.TryRead(Encoding.UTF8.GetBytes(line), out var row, out _).Should().BeTrue();

        row.Prompt.Should().Be("x");
        row.Language.Should().BeNull();
        row.Label.Should().BeNull();
    }

    [Fact]
    public void Scan_WritesARowWhoseIdIsALoneSurrogate_BackAsItsJson_AndGoesOn()
    {
        const string Input = """
            {"id": "\ud800", "prompt": "make her smile", "lang": "\ud800"}
            {"id": "next", "prompt": "make her smile"}
            """;

        var (code, output, _) = CliRunner.RunWithInput(Input, "scan", "-");

        code.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("""{"id":"\ud800","verdict":""");
        lines[1].Should().StartWith("""{"id":"next",""");
    }

    private static string? IdJson(RowId id)
    {
        if (id.Text is null && id.RawJson is null)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            id.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>How the rows were read before, through a <see cref="JsonDocument"/>: the reference the reader must match.</summary>
    private static class DocumentOracle
    {
        public static (string? Problem, string? Prompt, bool HasImage, string? Language, string? Label, string? IdText, string? IdJson) Read(string line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return ("blank line", null, false, null, null, null, null);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                return ("invalid JSON: " + ex.Message.Split(". ")[0], null, false, null, null, null, null);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return ($"a row must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}", null, false, null, null, null, null);
                }

                string? idText = null, idJson = null;
                if (root.TryGetProperty("id", out var id))
                {
                    idText = id.ToString();
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("id");
                        id.WriteTo(writer);
                        writer.WriteEndObject();
                    }

                    idJson = Encoding.UTF8.GetString(buffer.WrittenSpan);
                }

                if (!root.TryGetProperty("prompt", out var prompt))
                {
                    return ("missing \"prompt\"", null, false, null, null, idText, idJson);
                }

                if (prompt.ValueKind != JsonValueKind.String)
                {
                    return ("\"prompt\" must be a string", null, false, null, null, idText, idJson);
                }

                string text;
                try
                {
                    text = prompt.GetString()!;
                }
                catch (InvalidOperationException ex)
                {
                    return ("\"prompt\" is not valid text: " + ex.Message, null, false, null, null, idText, idJson);
                }

                var hasImage = false;
                if (root.TryGetProperty("has_image", out var image))
                {
                    if (image.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        hasImage = image.GetBoolean();
                    }
                    else if (image.ValueKind != JsonValueKind.Null)
                    {
                        return ("\"has_image\" must be true or false", null, false, null, null, idText, idJson);
                    }
                }

                return (null, text, hasImage, Optional(root, "lang"), Optional(root, "label"), idText, idJson);
            }
        }

        private static string? Optional(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static List<string> ReadAll(byte[] bytes, int chunk)
    {
        var lines = new JsonLines(new TrickleStream(bytes, chunk));
        var result = new List<string>();
        while (lines.TryReadLine(out var line))
        {
            result.Add(Encoding.UTF8.GetString(line.Span));
        }

        return result;
    }

    private static List<string> ReadWithReadLine(string input)
    {
        using var reader = new StringReader(input.TrimStart('\uFEFF'));
        var result = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            result.Add(line);
        }

        return result;
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes a read, as a pipe does.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
