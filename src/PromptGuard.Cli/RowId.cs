using System.Text.Json;

namespace PromptGuard.Cli;

/// <summary>The id of a scanned row as it came in: a string, or the raw JSON of any other value (number, object...).</summary>
internal readonly record struct RowId(string? Text, byte[]? RawJson)
{
    public static RowId None => default;

    /// <summary>The id read by <see cref="RowReader"/>: a string as text, anything else as compact JSON.</summary>
    public static RowId From(JsonElement? id)
    {
        if (id is not { } element)
        {
            return None;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return new RowId(element.GetString(), null);
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return new RowId(null, buffer.WrittenSpan.ToArray());
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("id");
        if (Text is not null)
        {
            writer.WriteStringValue(Text);
        }
        else if (RawJson is not null)
        {
            writer.WriteRawValue(RawJson, skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
