namespace PromptGuard.Normalization;

/// <summary>
/// The canonical form of a prompt that rules match against, with a map from every normalized character
/// back to the range of the original prompt it came from.
/// </summary>
internal sealed class NormalizedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    private readonly byte[] _runs;
    private readonly bool[]? _joined;

    internal NormalizedText(string original, string text, int[] starts, int[] ends, byte[] runs, NormalizationSteps steps, bool[]? joined = null)
    {
        _runs = runs;
        _joined = joined;
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
        Steps = steps;
    }

    public string Original { get; }

    public string Text { get; }

    public NormalizationSteps Steps { get; }

    /// <summary>For each character, how many identical letters of the prompt it stands for ("biiikini": 3 for the first i).</summary>
    public ReadOnlySpan<byte> Runs => _runs;

    /// <summary>
    /// For each character, whether it belongs to letters that were spaced out and joined ("h e r t o p l e s s"):
    /// word boundaries inside such a run are lost, so terms may match anywhere in it. Empty when no run was joined.
    /// </summary>
    public ReadOnlySpan<bool> Joined => _joined;

    /// <summary>Maps the normalized range [start, end) back to the original prompt.</summary>
    public PromptSpan MapToOriginal(int start, int end)
    {
        if (Text.Length == 0 || start >= end)
        {
            return new PromptSpan(0, 0);
        }

        start = Math.Clamp(start, 0, Text.Length - 1);
        end = Math.Clamp(end, start + 1, Text.Length);
        var originalStart = int.MaxValue;
        var originalEnd = 0;
        for (var i = start; i < end; i++)
        {
            // Inserted separators map to an empty range; they must not pull the span to offset 0.
            if (_ends[i] > _starts[i])
            {
                originalStart = Math.Min(originalStart, _starts[i]);
                originalEnd = Math.Max(originalEnd, _ends[i]);
            }
        }

        if (originalStart == int.MaxValue)
        {
            var at = Math.Min(_starts[start], Original.Length);
            return new PromptSpan(at, 0);
        }

        return new PromptSpan(originalStart, originalEnd - originalStart);
    }

    public string OriginalText(PromptSpan span) => Original.Substring(span.Offset, span.Length);

    /// <summary>
    /// Chains a second normalization pass (run on this text) onto this one: the result's text is the second pass's,
    /// its offsets point into this pass's original prompt.
    /// </summary>
    public NormalizedText Compose(NormalizedText next)
    {
        var length = next.Text.Length;
        var starts = new int[length];
        var ends = new int[length];
        for (var i = 0; i < length; i++)
        {
            var span = next._ends[i] > next._starts[i] ? MapToOriginal(next._starts[i], next._ends[i]) : new PromptSpan(next._starts[i] < _starts.Length ? _starts[next._starts[i]] : Original.Length, 0);
            starts[i] = span.Offset;
            ends[i] = span.End;
        }

        var joined = next._joined ?? _joined?[..Math.Min(_joined.Length, length)];
        return new NormalizedText(Original, next.Text, starts, ends, next._runs.Length == length ? next._runs : _runs, Steps | next.Steps, joined is { Length: var n } && n == length ? joined : null);
    }
}
