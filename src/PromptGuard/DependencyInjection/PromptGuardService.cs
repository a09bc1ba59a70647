using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PromptGuard.Rules;
using PromptGuard.Telemetry;

namespace PromptGuard.DependencyInjection;

/// <summary>
/// The <see cref="IPromptScreener"/> a host resolves: the current screener (swapped atomically when the rule files
/// change and compile), with logs, metrics and traces around each screening.
/// </summary>
internal sealed class PromptGuardService : IPromptScreener, IDisposable
{
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(250);

    private readonly PromptGuardOptions _options;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _reloadTimer;
    private readonly Lock _reloadLock = new();
    private PromptScreener _current;

    public PromptGuardService(IOptions<PromptGuardOptions> options, ILogger<PromptGuardService>? logger = null)
    {
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _current = Build();
        Log.RulesLoaded(_logger, _current.RulePack.Version, _options.RulesDirectory ?? "embedded", _current.RulePack.RuleCount, _current.RulePack.TermCount);
        if (_options.RulesDirectory is { } directory && _options.ReloadOnChange)
        {
            _reloadTimer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
            _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The screener in use now.</summary>
    public PromptScreener Current => Volatile.Read(ref _current);

    /// <summary>Raised after each reload attempt, with the error when the new rules were refused.</summary>
    public event EventHandler<Exception?>? Reloaded;

    public ScreeningResult Screen(ScreeningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = PromptGuardTelemetry.ActivitySource.StartActivity("promptguard.screen");
        var started = Stopwatch.GetTimestamp();
        var result = Current.Screen(request);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var verdict = result.Verdict switch { Verdict.Allow => "allow", Verdict.Review => "review", _ => "block" };
        var category = result.Categories.Count > 0 ? result.Categories[0].Value : "none";
        PromptGuardTelemetry.Duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>(PromptGuardTelemetry.VerdictTag, verdict));
        PromptGuardTelemetry.Verdicts.Add(1, new KeyValuePair<string, object?>(PromptGuardTelemetry.VerdictTag, verdict), new KeyValuePair<string, object?>(PromptGuardTelemetry.CategoryTag, category));
        foreach (var reason in result.Reasons)
        {
            PromptGuardTelemetry.RuleMatches.Add(1, new KeyValuePair<string, object?>(PromptGuardTelemetry.RuleTag, reason.RuleId));
            if (reason.Source == ReasonSource.Error)
            {
                Log.DetectorFault(_logger, reason.RuleId);
            }
        }

        if (activity is not null)
        {
            activity.SetTag(PromptGuardTelemetry.VerdictTag, verdict);
            activity.SetTag(PromptGuardTelemetry.CategoryTag, category);
            activity.SetTag(PromptGuardTelemetry.PolicyRuleTag, result.PolicyRuleId);
            if (_options.EnableSensitiveData)
            {
                activity.SetTag(PromptGuardTelemetry.PromptTag, request.Prompt);
            }
        }

        Log.Screened(_logger, result.Verdict, result.PolicyRuleId, result.Reasons.Count, elapsed.TotalMicroseconds);
        if (_options.EnableSensitiveData && _logger.IsEnabled(LogLevel.Trace))
        {
            Log.ScreenedPrompt(_logger, request.Prompt);
        }

        return result;
    }

    /// <summary>Recompiles the rules now; keeps the current ones when the new files are broken. Returns the error, if any.</summary>
    public Exception? Reload()
    {
        Exception? error = null;
        lock (_reloadLock)
        {
            try
            {
                var next = Build();
                Volatile.Write(ref _current, next);
                Log.RulesLoaded(_logger, next.RulePack.Version, _options.RulesDirectory ?? "embedded", next.RulePack.RuleCount, next.RulePack.TermCount);
            }
            catch (Exception ex) when (ex is RulePackException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                error = ex;
                Log.ReloadFailed(_logger, ex, _options.RulesDirectory ?? "embedded", Current.RulePack.Version);
            }
        }

        Reloaded?.Invoke(this, error);
        return error;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _reloadTimer?.Dispose();
    }

    private void ScheduleReload() => _reloadTimer?.Change(s_debounce, Timeout.InfiniteTimeSpan);

    private PromptScreener Build()
    {
        var builder = PromptScreener.CreateBuilder().WithOptions(_options.ToScreenerOptions());
        if (_options.RulesDirectory is { } directory)
        {
            builder.UseRulesDirectory(directory);
        }

        return builder.Build();
    }
}
