using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace PromptGuard.Cli;

/// <summary>One input row of <c>scan</c> and <c>eval</c>.</summary>
/// <param name="Id">The id as it is written back by <c>scan</c>.</param>
/// <param name="IdText">The id as <c>eval</c> names the row (null when the row has none).</param>
internal readonly record struct InputRow(RowId Id, string? IdText, string Prompt, bool HasImage, string? Language, string? Label, string? Kind, string? Expected);

/// <summary>
/// Reads JSON Lines rows defensively, straight from their UTF-8 bytes: a bad row is a problem to report, never an
/// exception. Repeated properties keep their last value, and text that is not valid UTF-8 is read as a
/// <see cref="StreamReader"/> would read it (each bad sequence a U+FFFD).
/// </summary>
internal static class RowReader
{
    public static bool TryRead(string line, out InputRow row, out string problem) => TryRead(Encoding.UTF8.GetBytes(line), out row, out problem);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, out InputRow row, out string problem)
    {
        row = default;
        problem = string.Empty;
        if (!Utf8.IsValid(line))
        {
            line = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line));
        }

        if (IsBlank(line))
        {
            problem = "blank line";
            return false;
        }

        // The whole row is read before anything is judged, so a syntax error anywhere is reported as one.
        var fields = default(Fields);
        JsonTokenType rootType;
        try
        {
            var reader = new Utf8JsonReader(line);
            reader.Read();
            rootType = reader.TokenType;
            if (rootType == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, line, ref fields);
            }
            else
            {
                reader.Skip();
            }

            // Only whitespace may follow the row's value (the reader throws on anything else).
            reader.Read();
        }
        catch (JsonException ex)
        {
            problem = "invalid JSON: " + ex.Message.Split(". ")[0];
            return false;
        }

        if (rootType != JsonTokenType.StartObject)
        {
            problem = $"a row must be a JSON object, not {KindName(rootType)}";
            return false;
        }

        row = row with { Id = fields.Id, IdText = fields.IdText };
        problem = fields.PromptType switch
        {
            JsonTokenType.None => "missing \"prompt\"",
            not JsonTokenType.String => "\"prompt\" must be a string",
            _ when fields.Prompt is null => "\"prompt\" is not valid text: " + fields.PromptProblem,
            _ when fields.HasImageType is not (JsonTokenType.None or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null) => "\"has_image\" must be true or false",
            _ => string.Empty,
        };
        if (problem.Length > 0)
        {
            return false;
        }

        row = new InputRow(fields.Id, fields.IdText, fields.Prompt!, fields.HasImageType == JsonTokenType.True, fields.Language, fields.Label, fields.Kind, fields.Expected);
        return true;
    }

    private static void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("id"u8) ? 1
                : reader.ValueTextEquals("prompt"u8) ? 2
                : reader.ValueTextEquals("has_image"u8) ? 3
                : reader.ValueTextEquals("lang"u8) ? 4
                : reader.ValueTextEquals("label"u8) ? 5
                : reader.ValueTextEquals("kind"u8) ? 6
                : reader.ValueTextEquals("expected"u8) ? 7
                : 0;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var type = reader.TokenType;
            string? error = null;
            var text = name != 0 && type == JsonTokenType.String ? TryGetString(ref reader, out error) : null;
            reader.Skip();
            var raw = line[start..(int)reader.BytesConsumed];
            switch (name)
            {
                case 1:
                    (fields.Id, fields.IdText) = ReadId(type, text, raw);
                    break;
                case 2:
                    fields.PromptType = type;
                    fields.Prompt = text;
                    fields.PromptProblem = type == JsonTokenType.String && text is null ? error : null;
                    break;
                case 3:
                    fields.HasImageType = type;
                    break;
                case 4:
                    fields.Language = text;
                    break;
                case 5:
                    fields.Label = text;
                    break;
                case 6:
                    fields.Kind = text;
                    break;
                case 7:
                    fields.Expected = text;
                    break;
            }
        }
    }

    /// <summary>A string value, or null with the reason when its escapes are not valid text (a lone surrogate).</summary>
    private static string? TryGetString(ref Utf8JsonReader reader, out string? error)
    {
        try
        {
            error = null;
            return reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>
    /// A string id is its text; any other value is written back as JSON (compacted, for objects and arrays) and
    /// named the way a <see cref="JsonElement"/> prints it.
    /// </summary>
    private static (RowId Id, string? Text) ReadId(JsonTokenType type, string? text, ReadOnlySpan<byte> raw)
    {
        if (text is not null)
        {
            return (new RowId(text, null), text);
        }

        var json = raw.ToArray();
        if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            using var document = JsonDocument.Parse(json);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }

            return (new RowId(null, buffer.WrittenSpan.ToArray()), Encoding.UTF8.GetString(json));
        }

        var name = type switch
        {
            JsonTokenType.True => bool.TrueString,
            JsonTokenType.False => bool.FalseString,
            JsonTokenType.Null => string.Empty,
            _ => Encoding.UTF8.GetString(json),
        };
        return (new RowId(null, json), name);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        var content = line.TrimStart(" \t\r\n\v\f"u8);
        return content.IsEmpty || (content[0] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line)));
    }

    private static string KindName(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "undefined",
    };

    /// <summary>The last value of each property the reader keeps.</summary>
    private struct Fields
    {
        public RowId Id;
        public string? IdText;
        public JsonTokenType PromptType;
        public string? Prompt;
        public string? PromptProblem;
        public JsonTokenType HasImageType;
        public string? Language;
        public string? Label;
        public string? Kind;
        public string? Expected;
    }
}
