namespace PromptGuard;

/// <summary>A range of UTF-16 code units in the ORIGINAL prompt (not the normalized text).</summary>
/// <param name="Offset">Index of the first code unit.</param>
/// <param name="Length">Number of code units.</param>
public readonly record struct PromptSpan(int Offset, int Length)
{
    /// <summary>Index one past the last code unit.</summary>
    public int End => Offset + Length;

    /// <inheritdoc />
    public override string ToString() => $"[{Offset}..{End})";
}
