using System.Text.Json;

namespace PromptGuard.Cli;

/// <summary>The id of a scanned row as it came in: a string, or the raw JSON of any other value (number, object...).</summary>
internal readonly record struct RowId(string? Text, byte[]? RawJson)
{
    public static RowId None => default;

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
