using System.Text.Json.Serialization;

namespace PromptGuard.Rules;

/// <summary>The JSON shape of one rule file (see rules/promptguard-rules.schema.json).</summary>
internal sealed class RulePackFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public string? Language { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, List<string>>? Lexicon { get; set; }

    public List<RuleDefinition>? Rules { get; set; }
}

/// <summary>The JSON shape of one rule.</summary>
internal sealed class RuleDefinition
{
    public string? Id { get; set; }

    public string? Signal { get; set; }

    public string? Category { get; set; }

    public string? Strength { get; set; }

    public string? Message { get; set; }

    public List<string>? All { get; set; }

    public List<string>? Any { get; set; }

    public List<string>? None { get; set; }

    public int? Window { get; set; }

    public bool Ordered { get; set; }

    public bool ImpliesPerson { get; set; }

    public string? Pattern { get; set; }

    public RuleExamples? Examples { get; set; }
}

/// <summary>Texts a rule must and must not match; each becomes a test case.</summary>
internal sealed class RuleExamples
{
    public List<string>? Match { get; set; }

    public List<string>? NoMatch { get; set; }
}

/// <summary>The JSON shape of pack.json at a pack's root.</summary>
internal sealed class PackManifest
{
    public string? Name { get; set; }

    public string? Version { get; set; }
}
