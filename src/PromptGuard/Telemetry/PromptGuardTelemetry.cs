using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PromptGuard.Telemetry;

/// <summary>The one <see cref="Meter"/> and one <see cref="ActivitySource"/> of PromptGuard, and their instrument and tag names.</summary>
/// <remarks>No instrument or tag ever carries prompt text. Activities carry it only when the host sets <c>EnableSensitiveData</c>.</remarks>
public static class PromptGuardTelemetry
{
    /// <summary>The name of the meter and of the activity source: "PromptGuard".</summary>
    public const string Name = "PromptGuard";

    /// <summary>Histogram of screening durations, in milliseconds.</summary>
    public const string DurationInstrument = "promptguard.screening.duration";

    /// <summary>Counter of verdicts, tagged by verdict and decision category.</summary>
    public const string VerdictInstrument = "promptguard.screening.verdicts";

    /// <summary>Counter of rule matches behind flagged verdicts, tagged by rule id.</summary>
    public const string RuleMatchInstrument = "promptguard.rule.matches";

    /// <summary>Tag: the verdict (allow, review, block).</summary>
    public const string VerdictTag = "promptguard.verdict";

    /// <summary>Tag: the decision's category (for example non-consensual-intimate-imagery).</summary>
    public const string CategoryTag = "promptguard.category";

    /// <summary>Tag: the rule id.</summary>
    public const string RuleTag = "promptguard.rule_id";

    /// <summary>Tag: the policy line that decided.</summary>
    public const string PolicyRuleTag = "promptguard.policy_rule";

    /// <summary>Tag (activities only, and only with sensitive data enabled): the prompt.</summary>
    public const string PromptTag = "promptguard.prompt";

    internal static readonly ActivitySource ActivitySource = new(Name);
    internal static readonly Meter Meter = new(Name);
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "ms", "Time to screen one request.");
    internal static readonly Counter<long> Verdicts = Meter.CreateCounter<long>(VerdictInstrument, "{request}", "Screened requests by verdict and category.");
    internal static readonly Counter<long> RuleMatches = Meter.CreateCounter<long>(RuleMatchInstrument, "{match}", "Rules behind flagged verdicts.");
}
