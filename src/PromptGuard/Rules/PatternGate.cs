using System.Text.RegularExpressions;

namespace PromptGuard.Rules;

/// <summary>
/// Tells, in one or a few passes, whether any pattern rule of a pack can match a text, so that the pack's regexes run one by one
/// only for the rare text where one does.
/// </summary>
/// <remarks>
/// The gate is every pattern in one non-backtracking alternation (cut in a few where one would exceed the engine's
/// size cap): it matches exactly when one of them does, and its cost is one linear scan per part instead of one per
/// pattern. Building it takes a few hundred milliseconds, so a short-lived
/// process (a single <c>promptguard check</c>) never pays for it: the gate is built in the background once a pack
/// has screened <see cref="ScreeningsBeforeBuilding"/> texts, and until then every pattern runs as before.
/// </remarks>
internal sealed class PatternGate
{
    /// <summary>Screenings after which a pack is worth the gate's construction.</summary>
    public const int ScreeningsBeforeBuilding = 64;

    private readonly string[] _patterns;
    private Regex[]? _gate;
    private int _screenings;

    public PatternGate(IReadOnlyList<CompiledRule> patternRules)
    {
        _patterns = patternRules.Count > 1 ? patternRules.Select(r => r.PatternText!).ToArray() : [];
    }

    /// <summary>True when the gate is built (it then decides alone).</summary>
    public bool IsBuilt => Volatile.Read(ref _gate) is not null;

    /// <summary>False only when no pattern rule can match <paramref name="text"/>.</summary>
    public bool MayMatch(string text)
    {
        if (_patterns.Length == 0)
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
            foreach (var part in gate)
            {
                if (part.IsMatch(text))
                {
                    return true;
                }
            }

            return false;
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
        if (_patterns.Length == 0 || IsBuilt)
        {
            return;
        }

        try
        {
            // The non-backtracking engine caps the size of one automaton, so an alternation that does not fit is cut
            // in halves until each part does (a few constructions, not one per pattern); the gate matches when any
            // part does.
            var parts = new List<Regex>();
            AddParts(_patterns, parts);
            Volatile.Write(ref _gate, parts.ToArray());
        }
#pragma warning disable CA1031 // A gate that cannot be built is only a lost optimization: the patterns keep running one by one.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void AddParts(ArraySegment<string> patterns, List<Regex> parts)
    {
        if (TryCreate(patterns) is { } whole)
        {
            parts.Add(whole);
            return;
        }

        if (patterns.Count == 1)
        {
            throw new NotSupportedException("A pattern does not fit the non-backtracking engine alone.");
        }

        var half = patterns.Count / 2;
        AddParts(patterns[..half], parts);
        AddParts(patterns[half..], parts);
    }

    /// <summary>Number of regexes the gate was cut into (0 until built).</summary>
    public int PartCount => Volatile.Read(ref _gate)?.Length ?? 0;

    private static Regex? TryCreate(ArraySegment<string> patterns)
    {
        try
        {
            var regex = RegexFactory.Create(string.Join('|', patterns.Select(p => "(?:" + p + ")")), RegexFactory.DefaultTimeout);
            regex.IsMatch(string.Empty);
            return regex;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
