namespace PromptGuard;

/// <summary>A request to an image model, as PromptGuard screens it.</summary>
/// <remarks>
/// The prompt text is never logged, sent or stored by PromptGuard unless the host opts in.
/// </remarks>
public sealed record ScreeningRequest
{
    /// <summary>Creates a request for the given prompt.</summary>
    /// <param name="prompt">The text sent to the image model. Null is treated as empty.</param>
    public ScreeningRequest(string prompt)
    {
        Prompt = prompt ?? string.Empty;
    }

    /// <summary>The text sent to the image model.</summary>
    public string Prompt { get; }

    /// <summary>
    /// True when the request edits an image the user supplied. Pronouns and deixis ("her", "lui",
    /// "this girl") then point at the pictured person, a real person by default (POLICY.md, T1).
    /// </summary>
    public bool HasSourceImage { get; init; }

    /// <summary>
    /// Earlier user turns of the same conversation, oldest first. Requests escalate across turns ("put her in a
    /// swimsuit" / "smaller" / "now remove the top"): the screener reads the recent turns together with the prompt,
    /// so a target named in one turn and an action asked in another still meet. Empty for a single request.
    /// </summary>
    public IReadOnlyList<string> History { get; init; } = [];

    /// <summary>Optional BCP 47 language hint ("fr", "en"). All rule packs stay active, so code-mixed prompts are still caught.</summary>
    public string? Language { get; init; }
}
