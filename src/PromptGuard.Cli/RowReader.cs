using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PromptGuard.Cli;

/// <summary>One input row of <c>scan</c> and <c>eval</c>.</summary>
internal readonly record struct InputRow(JsonElement? Id, string Prompt, bool HasImage, string? Language, string? Label, string? Kind, string? Expected);

/// <summary>Reads JSON Lines rows defensively: a bad row is a problem to report, never an exception.</summary>
internal static class RowReader
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(string line, out InputRow row, out string problem)
    {
        row = default;
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(line))
        {
            problem = "blank line";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            problem = "invalid JSON: " + ex.Message.Split(". ")[0];
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"a row must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }

            JsonElement? id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : null;
            row = row with { Id = id };
            if (!root.TryGetProperty("prompt", out var prompt))
            {
                problem = "missing \"prompt\"";
                return false;
            }

            if (prompt.ValueKind != JsonValueKind.String)
            {
                problem = "\"prompt\" must be a string";
                return false;
            }

            string text;
            try
            {
                text = prompt.GetString()!;
            }
            catch (InvalidOperationException ex)
            {
                problem = "\"prompt\" is not valid text: " + ex.Message;
                return false;
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
                    problem = "\"has_image\" must be true or false";
                    return false;
                }
            }

            row = new InputRow(id, text, hasImage, OptionalString(root, "lang"), OptionalString(root, "label"), OptionalString(root, "kind"), OptionalString(root, "expected"));
            return true;
        }
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
