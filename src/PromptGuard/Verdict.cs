namespace PromptGuard;

/// <summary>The decision PromptGuard takes on a request.</summary>
/// <remarks>Ordered by severity, so <c>a &gt; b</c> means "a is stricter than b".</remarks>
public enum Verdict
{
    /// <summary>The request may go to the image model.</summary>
    Allow = 0,

    /// <summary>The request is ambiguous and should be held for a human or a stricter check. Counts as flagged.</summary>
    Review = 1,

    /// <summary>The request must not reach the image model.</summary>
    Block = 2,
}
