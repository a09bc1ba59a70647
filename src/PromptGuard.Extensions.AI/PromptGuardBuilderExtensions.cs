using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using PromptGuard;
using PromptGuard.Extensions.AI;

namespace Microsoft.Extensions.AI;

/// <summary><c>UsePromptGuard()</c> on the Microsoft.Extensions.AI pipeline builders.</summary>
public static class PromptGuardBuilderExtensions
{
    /// <summary>
    /// Screens every image request before the rest of the pipeline, with the <see cref="IPromptScreener"/> registered in
    /// the services (<c>AddPromptGuard()</c>), else the default screener; a flagged request throws <see cref="PromptBlockedException"/>.
    /// </summary>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder UsePromptGuard(this ImageGeneratorBuilder builder) => builder.UsePromptGuard(null, null);

    /// <summary>Screens every image request, with the middleware options changed by <paramref name="configure"/>.</summary>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder UsePromptGuard(this ImageGeneratorBuilder builder, Action<PromptGuardMiddlewareOptions> configure) => builder.UsePromptGuard(null, configure);

    /// <summary>Screens every image request with <paramref name="screener"/> (null: from the services, else the default).</summary>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder UsePromptGuard(this ImageGeneratorBuilder builder, IPromptScreener? screener, Action<PromptGuardMiddlewareOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Configure(configure);
        return builder.Use((inner, services) => new PromptGuardImageGenerator(inner, Resolve(screener, services), options));
    }

    /// <summary>
    /// Screens the user's messages before the rest of the chat pipeline, with the <see cref="IPromptScreener"/> registered
    /// in the services, else the default screener; a flagged conversation throws <see cref="PromptBlockedException"/>.
    /// </summary>
    public static ChatClientBuilder UsePromptGuard(this ChatClientBuilder builder) => builder.UsePromptGuard(null, null);

    /// <summary>Screens the user's messages, with the middleware options changed by <paramref name="configure"/>.</summary>
    public static ChatClientBuilder UsePromptGuard(this ChatClientBuilder builder, Action<PromptGuardMiddlewareOptions> configure) => builder.UsePromptGuard(null, configure);

    /// <summary>Screens the user's messages with <paramref name="screener"/> (null: from the services, else the default).</summary>
    public static ChatClientBuilder UsePromptGuard(this ChatClientBuilder builder, IPromptScreener? screener, Action<PromptGuardMiddlewareOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Configure(configure);
        return builder.Use((inner, services) => new PromptGuardChatClient(inner, Resolve(screener, services), options));
    }

    private static PromptGuardMiddlewareOptions Configure(Action<PromptGuardMiddlewareOptions>? configure)
    {
        var options = new PromptGuardMiddlewareOptions();
        configure?.Invoke(options);
        return options;
    }

    private static IPromptScreener Resolve(IPromptScreener? screener, IServiceProvider? services) =>
        screener ?? services?.GetService<IPromptScreener>() ?? PromptScreener.CreateDefault();
}
