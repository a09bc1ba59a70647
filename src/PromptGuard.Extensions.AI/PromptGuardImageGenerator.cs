using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace PromptGuard.Extensions.AI;

/// <summary>
/// Screens <see cref="ImageGenerationRequest.Prompt"/> before the inner generator sees it; a request with
/// <see cref="ImageGenerationRequest.OriginalImages"/> is an edit of a supplied photo (<see cref="ScreeningRequest.HasSourceImage"/>).
/// </summary>
[Experimental("MEAI001")]
public sealed class PromptGuardImageGenerator : DelegatingImageGenerator
{
    private readonly IPromptScreener _screener;
    private readonly PromptGuardMiddlewareOptions _options;

    /// <summary>Wraps <paramref name="innerGenerator"/>.</summary>
    public PromptGuardImageGenerator(IImageGenerator innerGenerator, IPromptScreener screener, PromptGuardMiddlewareOptions? options = null)
        : base(innerGenerator)
    {
        ArgumentNullException.ThrowIfNull(screener);
        _screener = screener;
        _options = options ?? new PromptGuardMiddlewareOptions();
    }

    /// <inheritdoc />
    /// <exception cref="PromptBlockedException">The request was flagged and the middleware is set to throw.</exception>
    public override Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = _screener.Screen(new ScreeningRequest(request.Prompt ?? string.Empty)
        {
            HasSourceImage = request.OriginalImages?.Any() == true,
        });
        if (!RefusalPolicy.Refuses(result, _options))
        {
            return base.GenerateAsync(request, options, cancellationToken);
        }

        if (_options.OnBlock == PromptGuardBlockBehavior.Throw)
        {
            throw new PromptBlockedException(result);
        }

        return Task.FromResult(new ImageGenerationResponse([new TextContent(_options.RefusalMessage)]) { RawRepresentation = result });
    }
}
