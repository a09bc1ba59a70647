namespace PromptGuard.Extensions.AI;

/// <summary>What the middleware does with a flagged request.</summary>
public sealed class PromptGuardMiddlewareOptions
{
    /// <summary>Throw <see cref="PromptBlockedException"/> (default), or answer with a refusal.</summary>
    public PromptGuardBlockBehavior OnBlock { get; set; } = PromptGuardBlockBehavior.Throw;

    /// <summary>Treat a Review verdict like a Block (default true: a guard in front of a model has no human to hold it for).</summary>
    public bool BlockOnReview { get; set; } = true;

    /// <summary>The refusal text returned when <see cref="OnBlock"/> is <see cref="PromptGuardBlockBehavior.Refuse"/>.</summary>
    public string RefusalMessage { get; set; } = "This request was refused: it asks for sexualized imagery of a real person or of a minor.";
}

/// <summary>How the middleware answers a flagged request.</summary>
public enum PromptGuardBlockBehavior
{
    /// <summary>Throw <see cref="PromptBlockedException"/> carrying the screening result.</summary>
    Throw = 0,

    /// <summary>Return a refusal (for chat, with <c>ChatFinishReason.ContentFilter</c>) without calling the inner client.</summary>
    Refuse = 1,
}
