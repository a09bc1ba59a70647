using PromptGuard;

namespace WebApi;

/// <summary>
/// Screens the request's prompt before the endpoint runs; a flagged request gets 422 with a problem+json body that
/// lists the reasons (rule ids, categories, spans), and never reaches the image model.
/// </summary>
public sealed class PromptGuardEndpointFilter(IPromptScreener screener) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<ImageEditRequest>().FirstOrDefault();
        if (request is null)
        {
            return await next(context);
        }

        var result = screener.Screen(new ScreeningRequest(request.Prompt ?? string.Empty) { HasSourceImage = !string.IsNullOrEmpty(request.Image) });
        if (!result.IsFlagged)
        {
            return await next(context);
        }

        return TypedResults.Problem(
            title: "The request was refused.",
            detail: "It asks for sexualized imagery of a real person or of a minor.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            type: "https://promptguard.dev/problems/refused",
            extensions: new Dictionary<string, object?>
            {
                ["verdict"] = result.Verdict.ToString().ToLowerInvariant(),
                ["policyRule"] = result.PolicyRuleId,
                ["categories"] = result.Categories.Select(c => c.Value).ToArray(),
                ["reasons"] = result.Reasons.Select(r => new { r.RuleId, Category = r.Category.Value, r.Span.Offset, r.Span.Length, Source = r.Source.ToString().ToLowerInvariant(), r.Score }).ToArray(),
            });
    }
}
