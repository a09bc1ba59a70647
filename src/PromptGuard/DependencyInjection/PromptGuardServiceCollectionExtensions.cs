using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PromptGuard;
using PromptGuard.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PromptGuard in a service collection.</summary>
public static class PromptGuardServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPromptScreener"/> as a singleton built from <see cref="PromptGuardOptions"/>, validated when
    /// the host starts. Registrations the application made before win (TryAdd).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The options builder, to bind, configure or validate further.</returns>
    public static OptionsBuilder<PromptGuardOptions> AddPromptGuard(this IServiceCollection services) => services.AddPromptGuard(static _ => { });

    /// <summary>Registers PromptGuard and changes its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<PromptGuardOptions> AddPromptGuard(this IServiceCollection services, Action<PromptGuardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddOptions<PromptGuardOptions>().Configure(configure);

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptGuardOptions>, PromptGuardOptionsValidator>());
        services.TryAddSingleton<PromptGuardService>();
        services.TryAddSingleton<IPromptScreener>(sp => sp.GetRequiredService<PromptGuardService>());
        return builder;
    }

    /// <summary>Registers PromptGuard with options bound from a configuration section (by convention "PromptGuard").</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<PromptGuardOptions> AddPromptGuard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddPromptGuard().Bind(configuration);
    }
}
