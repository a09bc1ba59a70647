namespace PromptGuard.Extensions.AI;

/// <summary>Whether a screening result stops the request, under the middleware's options.</summary>
internal static class RefusalPolicy
{
    public static bool Refuses(ScreeningResult result, PromptGuardMiddlewareOptions options) =>
        result.Verdict == Verdict.Block || (result.Verdict == Verdict.Review && options.BlockOnReview);
}
