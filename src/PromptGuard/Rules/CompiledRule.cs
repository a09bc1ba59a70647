using System.Text.RegularExpressions;

namespace PromptGuard.Rules;

/// <summary>A rule ready to run: concept names resolved to ids, regex built.</summary>
internal sealed class CompiledRule
{
    public required string Id { get; init; }

    /// <summary>Position of the rule in its pack, so a screening can mark the rules it evaluated in a flat array.</summary>
    public int Index { get; set; }

    public required string File { get; init; }

    public required string Language { get; init; }

    public required Signal Signal { get; init; }

    public required Category Category { get; init; }

    public required RuleStrength Strength { get; init; }

    public required string Message { get; init; }

    public required int[] All { get; init; }

    public required int[] Any { get; init; }

    public required int[] None { get; init; }

    /// <summary>Maximum distance in words between the concepts; <see cref="int.MaxValue"/> for the whole prompt.</summary>
    public required int Window { get; init; }

    public required bool Ordered { get; init; }

    /// <summary>The action can only be about a person ("nudify this", "make it nsfw"), so on a photo it targets whoever the photo shows.</summary>
    public bool ImpliesPerson { get; init; }

    /// <summary>The escape-hatch regex, built on first use (its construction is the slow part of loading a pack).</summary>
    public Regex? Pattern
    {
        // One construction per rule even when the background warm-up and a screening ask at once.
        get => PatternText is null ? null : LazyInitializer.EnsureInitialized(ref _pattern, ref _patternLock, () => RegexFactory.Create(PatternText));
        set => _pattern = value;
    }

    private object? _patternLock;

    public string? PatternText { get; init; }

    private Regex? _pattern;

    public IReadOnlyList<string> MatchExamples { get; init; } = [];

    public IReadOnlyList<string> NoMatchExamples { get; init; } = [];

    public double Score => Strength == RuleStrength.Strong ? 1.0 : 0.6;

    public bool IsAction => Signal is Signal.A1Undressing or Signal.A2SexualizedClothing or Signal.A3SexualContent;
}
