namespace PromptGuard.DependencyInjection;

/// <summary>
/// PromptGuard's settings as a host configures them (bindable from configuration, for example the "PromptGuard"
/// section of appsettings.json). Validated when the host starts.
/// </summary>
public sealed class PromptGuardOptions
{
    /// <summary>The configuration section <c>AddPromptGuard(IConfiguration)</c> reads by convention.</summary>
    public const string SectionName = "PromptGuard";

    /// <summary>A directory of rule files to use instead of the embedded default rules.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>Recompile the rules when a file in <see cref="RulesDirectory"/> changes (off the hot path; a broken edit keeps the last good rules). Default true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>See <see cref="PromptScreenerOptions.AdultContentVerdict"/>.</summary>
    public Verdict AdultContentVerdict { get; set; } = Verdict.Allow;

    /// <summary>See <see cref="PromptScreenerOptions.PronounWithoutImageVerdict"/>.</summary>
    public Verdict PronounWithoutImageVerdict { get; set; } = Verdict.Allow;

    /// <summary>See <see cref="PromptScreenerOptions.ProtectedNames"/>.</summary>
    public IList<string> ProtectedNames { get; } = [];

    /// <summary>See <see cref="PromptScreenerOptions.FailureMode"/>.</summary>
    public FailureMode FailureMode { get; set; } = FailureMode.FailClosed;

    /// <summary>See <see cref="PromptScreenerOptions.MaxPromptLength"/>.</summary>
    public int MaxPromptLength { get; set; } = 1 << 20;

    /// <summary>See <see cref="PromptScreenerOptions.Detectors"/>.</summary>
    public Detectors Detectors { get; set; } = Detectors.All;

    /// <summary>See <see cref="PromptScreenerOptions.ClassifierModelPath"/>.</summary>
    public string? ClassifierModelPath { get; set; }

    /// <summary>
    /// Put prompt text in Trace logs and activity tags. Default false: prompts are personal data and the text of
    /// abusive requests; they never reach logs, metrics or traces unless the host opts in here.
    /// </summary>
    public bool EnableSensitiveData { get; set; }

    /// <summary>The screener options these settings describe.</summary>
    public PromptScreenerOptions ToScreenerOptions() => new()
    {
        AdultContentVerdict = AdultContentVerdict,
        PronounWithoutImageVerdict = PronounWithoutImageVerdict,
        ProtectedNames = ProtectedNames.ToArray(),
        FailureMode = FailureMode,
        MaxPromptLength = MaxPromptLength,
        Detectors = Detectors,
        ClassifierModelPath = ClassifierModelPath,
    };
}
