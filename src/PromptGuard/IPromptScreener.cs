namespace PromptGuard;

/// <summary>Screens requests to image models. Implementations are immutable and thread-safe: build once, share everywhere.</summary>
public interface IPromptScreener
{
    /// <summary>Screens one request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The verdict with its reasons. Never null; a detector fault yields a result, not an exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    ScreeningResult Screen(ScreeningRequest request);
}
