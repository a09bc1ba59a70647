using System.Text;

namespace PromptGuard.Cli.Tests;

/// <summary>The byte-level scan input: line splitting as <see cref="TextReader.ReadLine"/> does it, and a row reader
/// that agrees with the document reader on every row it accepts.</summary>
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
    public void Utf8RowReader_AgreesWithTheDocumentReader_OnEveryRowItAccepts(string line)
    {
        var accepted = Utf8RowReader.TryRead(Encoding.UTF8.GetBytes(line), out var id, out var prompt, out var hasImage, out var language);
        var documentAccepted = RowReader.TryRead(line, out var row, out _);

        if (accepted)
        {
            documentAccepted.Should().BeTrue("the fast reader may only accept rows the document reader accepts");
            prompt.Should().Be(row.Prompt);
            hasImage.Should().Be(row.HasImage);
            language.Should().Be(row.Language);
            id.Should().BeEquivalentTo(RowId.From(row.Id));
        }
    }

    [Fact]
    public void Utf8RowReader_ReadsEveryCorpusRow_ItselfRatherThanDeferring()
    {
        // The fast path must really be the path: a reader that deferred everything would still "agree".
        var lines = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Data, "dev", "tune"), "*.jsonl").SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();

        var deferred = lines.Where(l => !Utf8RowReader.TryRead(Encoding.UTF8.GetBytes(l), out _, out _, out _, out _)).ToList();

        lines.Should().HaveCountGreaterThan(1000);
        deferred.Should().BeEmpty();
    }

    [Fact]
    public void Utf8RowReader_LeavesInvalidUtf8_ToTheDocumentReader()
    {
        // Invalid UTF-8 is screened as a StreamReader would read it (U+FFFD), not turned into an error.
        var bytes = "{\"id\":1,\"prompt\":\"enl\u00e8ve-lui "u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("son haut\",\"has_image\":true}\n"u8.ToArray()).ToArray();
        var lines = new JsonLines(new MemoryStream(bytes));
        lines.TryReadLine(out var line).Should().BeTrue();

        Utf8RowReader.TryRead(line.Span, out _, out _, out _, out _).Should().BeFalse();
        RowReader.TryRead(JsonLines.Decode(line.Span), out var row, out _).Should().BeTrue();
        row.Prompt.Should().Contain("\uFFFD");
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
