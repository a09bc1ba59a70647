using System.Text.RegularExpressions;

namespace PromptGuard.Rules;

/// <summary>
/// Tells, in one pass, whether any pattern rule of a pack can match a text, so that the pack's regexes run one by one
/// only for the rare text where one does.
/// </summary>
/// <remarks>
/// The gate is every pattern in one non-backtracking alternation: it matches exactly when one of them does, and its
/// cost is one linear scan instead of one per pattern. Building it takes a few hundred milliseconds, so a short-lived
/// process (a single <c>promptguard check</c>) never pays for it: the gate is built in the background once a pack
/// has screened <see cref="ScreeningsBeforeBuilding"/> texts, and until then every pattern runs as before.
/// </remarks>
internal sealed class PatternGate
{
    /// <summary>Screenings after which a pack is worth the gate's construction.</summary>
    public const int ScreeningsBeforeBuilding = 64;

    private readonly string? _alternation;
    private Regex? _gate;
    private int _screenings;

    public PatternGate(IReadOnlyList<CompiledRule> patternRules)
    {
        _alternation = patternRules.Count > 1 ? string.Join('|', patternRules.Select(r => "(?:" + r.PatternText + ")")) : null;
    }

    /// <summary>True when the gate is built (it then decides alone).</summary>
    public bool IsBuilt => Volatile.Read(ref _gate) is not null;

    /// <summary>False only when no pattern rule can match <paramref name="text"/>.</summary>
    public bool MayMatch(string text)
    {
        if (_alternation is null)
        {
            return true;
        }

        var gate = Volatile.Read(ref _gate);
        if (gate is null)
        {
            if (Interlocked.Increment(ref _screenings) == ScreeningsBeforeBuilding)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Build(), this, preferLocal: false);
            }

            return true;
        }

        try
        {
            return gate.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // Let the patterns run one by one: the one that times out is then reported with its rule id.
            return true;
        }
    }

    /// <summary>Builds the gate now (tests, and hosts that prefer to pay at start-up).</summary>
    public void Build()
    {
        if (_alternation is null || IsBuilt)
        {
            return;
        }

        try
        {
            var gate = RegexFactory.Create(_alternation, RegexFactory.DefaultTimeout);
            gate.IsMatch(string.Empty);
            Volatile.Write(ref _gate, gate);
        }
#pragma warning disable CA1031 // A gate that cannot be built is only a lost optimization: the patterns keep running one by one.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
