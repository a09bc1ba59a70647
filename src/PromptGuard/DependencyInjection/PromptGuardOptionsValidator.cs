using Microsoft.Extensions.Options;

namespace PromptGuard.DependencyInjection;

/// <summary>Validates <see cref="PromptGuardOptions"/> at start: every problem at once.</summary>
internal sealed class PromptGuardOptionsValidator : IValidateOptions<PromptGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, PromptGuardOptions options)
    {
        var errors = options.ToScreenerOptions().Validate().ToList();
        if (options.RulesDirectory is { } directory && !Directory.Exists(directory))
        {
            errors.Add($"RulesDirectory '{directory}' does not exist.");
        }

        if (options.ClassifierModelPath is { } model && !File.Exists(model))
        {
            errors.Add($"ClassifierModelPath '{model}' does not exist.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
