using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PromptGuard.Cli;

/// <summary>
/// Reads a <c>scan</c> row straight from its UTF-8 bytes with <see cref="Utf8JsonReader"/>: no string for the line,
/// no document. It only answers rows it reads without doubt; any other row goes to <see cref="RowReader"/>, which
/// words the problem, so both paths agree on every row.
/// </summary>
internal static class Utf8RowReader
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, out RowId id, out string prompt, out bool hasImage, out string? language)
    {
        id = RowId.None;
        prompt = string.Empty;
        hasImage = false;
        language = null;
        string? foundPrompt = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        id = new RowId(reader.GetString(), null);
                    }
                    else if (reader.TokenType is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
                    {
                        id = new RowId(null, line[start..(int)reader.BytesConsumed].ToArray());
                    }
                    else
                    {
                        // An object or array id is rare: the document path writes it back compacted.
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("prompt"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    foundPrompt = reader.GetString();
                }
                else if (reader.ValueTextEquals("has_image"u8))
                {
                    reader.Read();
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.True:
                            hasImage = true;
                            break;
                        case JsonTokenType.False or JsonTokenType.Null:
                            hasImage = false;
                            break;
                        default:
                            return false;
                    }
                }
                else if (reader.ValueTextEquals("lang"u8))
                {
                    reader.Read();
                    language = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // The object must be closed and be the whole line.
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (foundPrompt is null)
        {
            return false;
        }

        prompt = foundPrompt;
        return true;
    }
}
