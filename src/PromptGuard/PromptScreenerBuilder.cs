using PromptGuard.Classification;
using PromptGuard.Rules;

namespace PromptGuard;

/// <summary>Builds a <see cref="PromptScreener"/>: chooses the rule packs and the policy options, validates them once.</summary>
public sealed class PromptScreenerBuilder
{
    private static readonly Lazy<ClassifierModel?> s_embeddedModel = new(ClassifierModel.LoadEmbedded);

    private string? _rulesDirectory;
    private PromptScreenerOptions _options = PromptScreenerOptions.Default;

    /// <summary>Uses the rule packs embedded in the library (the default).</summary>
    public PromptScreenerBuilder UseDefaultRules()
    {
        _rulesDirectory = null;
        return this;
    }

    /// <summary>Uses the rule files of a directory instead of the embedded ones.</summary>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    public PromptScreenerBuilder UseRulesDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _rulesDirectory = directory;
        return this;
    }

    /// <summary>Sets the policy options.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public PromptScreenerBuilder WithOptions(PromptScreenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>Changes the policy options from their current value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public PromptScreenerBuilder ConfigureOptions(Func<PromptScreenerOptions, PromptScreenerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _options = configure(_options) ?? throw new InvalidOperationException("The options callback returned null.");
        return this;
    }

    /// <summary>Validates the options, loads and compiles the rules, and returns an immutable, thread-safe screener.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="RulePackException">The rule files are invalid; lists every problem with file, rule id and JSON path.</exception>
    public PromptScreener Build()
    {
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid PromptGuard options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }

        var source = _rulesDirectory is null ? RuleSource.Embedded : RuleSource.FromDirectory(_rulesDirectory);
        var pack = RulePackLoader.Load(source, _options.ProtectedNames);
        if (!_options.Detectors.HasFlag(Detectors.Classifier))
        {
            return new PromptScreener(pack, _options, null, null);
        }

        // A model that cannot be loaded is not an exception here: every screening reports it, and under the default
        // fail-closed mode blocks, so a broken deployment is loud instead of silently unprotected.
        try
        {
            var model = _options.ClassifierModelPath is { } path ? ClassifierModel.LoadFile(path) : s_embeddedModel.Value;
            return new PromptScreener(pack, _options, model is null ? null : new PromptClassifier(model), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new PromptScreener(pack, _options, null, "The classifier model cannot be loaded: " + ex.Message);
        }
    }
}
