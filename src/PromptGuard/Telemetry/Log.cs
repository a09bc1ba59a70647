using Microsoft.Extensions.Logging;

namespace PromptGuard.Telemetry;

/// <summary>Every log message of PromptGuard. Prompt text is logged only at Trace and only when the host enables sensitive data.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Screened a request: {Verdict} by {PolicyRule} with {ReasonCount} reason(s) in {ElapsedMicroseconds:0.0} us.")]
    public static partial void Screened(ILogger logger, Verdict verdict, string policyRule, int reasonCount, double elapsedMicroseconds);

    [LoggerMessage(2, LogLevel.Trace, "Screened prompt: {Prompt}")]
    public static partial void ScreenedPrompt(ILogger logger, string prompt);

    [LoggerMessage(3, LogLevel.Information, "Loaded rule pack {Version} from {Source}: {RuleCount} rules, {TermCount} terms.")]
    public static partial void RulesLoaded(ILogger logger, string version, string source, int ruleCount, int termCount);

    [LoggerMessage(4, LogLevel.Error, "The rule files in {Directory} changed but cannot be loaded; the last good rule pack {Version} stays active.")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, string directory, string version);

    [LoggerMessage(5, LogLevel.Warning, "A request was flagged because a detector failed: {RuleId}.")]
    public static partial void DetectorFault(ILogger logger, string ruleId);
}
