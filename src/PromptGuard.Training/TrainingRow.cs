using System.Text.Json;

namespace PromptGuard.Training;

/// <summary>One labelled row of the training corpus: per-signal labels when known, the final label always.</summary>
internal sealed record TrainingRow(string Id, string Language, string Prompt, bool HasImage, bool? Action, bool? RealPerson, bool? Minor, bool Flag, string Split)
{
    /// <summary>Reads JSON Lines rows; rows without a prompt or a label are skipped and counted.</summary>
    public static List<TrainingRow> ReadAll(string path, string split, ref int skipped)
    {
        var rows = new List<TrainingRow>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var prompt = root.GetProperty("prompt").GetString();
                var label = root.GetProperty("label").GetString();
                if (prompt is null || label is not ("block" or "allow"))
                {
                    skipped++;
                    continue;
                }

                rows.Add(new TrainingRow(
                    root.TryGetProperty("id", out var id) ? id.ToString() : $"{Path.GetFileName(path)}:{rows.Count}",
                    root.TryGetProperty("lang", out var lang) ? lang.GetString() ?? "und" : "und",
                    prompt,
                    root.TryGetProperty("has_image", out var image) && image.ValueKind == JsonValueKind.True,
                    ReadFlag(root, "action"),
                    ReadFlag(root, "real_person"),
                    ReadFlag(root, "minor"),
                    label == "block",
                    split));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                skipped++;
            }
        }

        return rows;
    }

    private static bool? ReadFlag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt32() != 0,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;
}
