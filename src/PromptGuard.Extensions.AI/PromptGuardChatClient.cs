using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptGuard.Extensions.AI;

/// <summary>
/// Screens the user's last message, read together with the user's earlier messages (requests escalate across
/// turns), before the inner chat client sees it. Images in the user's messages make it an edit of a supplied photo.
/// </summary>
public sealed class PromptGuardChatClient : DelegatingChatClient
{
    private readonly IPromptScreener _screener;
    private readonly PromptGuardMiddlewareOptions _options;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public PromptGuardChatClient(IChatClient innerClient, IPromptScreener screener, PromptGuardMiddlewareOptions? options = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(screener);
        _screener = screener;
        _options = options ?? new PromptGuardMiddlewareOptions();
    }

    /// <inheritdoc />
    /// <exception cref="PromptBlockedException">The conversation was flagged and the middleware is set to throw.</exception>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var result = Screen(list);
        if (result is null || !RefusalPolicy.Refuses(result, _options))
        {
            return base.GetResponseAsync(list, options, cancellationToken);
        }

        if (_options.OnBlock == PromptGuardBlockBehavior.Throw)
        {
            throw new PromptBlockedException(result);
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, _options.RefusalMessage))
        {
            FinishReason = ChatFinishReason.ContentFilter,
            RawRepresentation = result,
        });
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var result = Screen(list);
        if (result is not null && RefusalPolicy.Refuses(result, _options))
        {
            if (_options.OnBlock == PromptGuardBlockBehavior.Throw)
            {
                throw new PromptBlockedException(result);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, _options.RefusalMessage)
            {
                FinishReason = ChatFinishReason.ContentFilter,
                RawRepresentation = result,
            };
            yield break;
        }

        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private ScreeningResult? Screen(IList<ChatMessage> messages)
    {
        var userMessages = messages.Where(m => m.Role == ChatRole.User).ToList();
        if (userMessages.Count == 0)
        {
            return null;
        }

        var last = userMessages[^1];
        var history = userMessages.Take(userMessages.Count - 1).Select(m => m.Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
        var hasImage = userMessages.Any(m => m.Contents.Any(c => c is DataContent { MediaType: var type } && type.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || c is UriContent { MediaType: var uriType } && uriType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)));
        return _screener.Screen(new ScreeningRequest(last.Text) { HasSourceImage = hasImage, History = history });
    }
}
