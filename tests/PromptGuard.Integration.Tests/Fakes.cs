using Microsoft.Extensions.AI;

namespace PromptGuard.Integration.Tests;

/// <summary>A chat client that records what reached it and answers "ok".</summary>
internal sealed class FakeChatClient : IChatClient
{
    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.ToList());
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.ToList());
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>A screener whose answer the test sets, to check what the middleware does with each verdict.</summary>
internal sealed class FakeScreener(Func<ScreeningRequest, ScreeningResult> screen) : IPromptScreener
{
    public List<ScreeningRequest> Requests { get; } = [];

    public ScreeningResult Screen(ScreeningRequest request)
    {
        Requests.Add(request);
        return screen(request);
    }
}
