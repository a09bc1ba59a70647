namespace PromptGuard;

/// <summary>
/// The kind of harm a reason points at. Open-ended: a rule pack may name its own categories, and the
/// well-known ones below are those of the default policy.
/// </summary>
public readonly struct Category : IEquatable<Category>
{
    private readonly string? _value;

    /// <summary>Creates a category from its name (lower-case, kebab-case by convention).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public Category(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The category's name.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>A1: undressing or nudity.</summary>
    public static Category Undressing { get; } = new("undressing");

    /// <summary>A2: sexualized clothing.</summary>
    public static Category SexualizedClothing { get; } = new("sexualized-clothing");

    /// <summary>A3: sexual body or act.</summary>
    public static Category SexualContent { get; } = new("sexual-content");

    /// <summary>A0: make a person look like a child.</summary>
    public static Category ChildLikeness { get; } = new("child-likeness");

    /// <summary>T1: the person in the supplied image.</summary>
    public static Category PicturedPerson { get; } = new("pictured-person");

    /// <summary>T2: a named real person.</summary>
    public static Category NamedPerson { get; } = new("named-person");

    /// <summary>T3: a private person named by relation.</summary>
    public static Category RelatedPerson { get; } = new("related-person");

    /// <summary>T4: a minor.</summary>
    public static Category Minor { get; } = new("minor");

    /// <summary>T0: not a person (mannequin, statue, doll...).</summary>
    public static Category NonPerson { get; } = new("non-person");

    /// <summary>Decision: sexualized imagery of a real, identifiable person without verifiable consent.</summary>
    public static Category NonConsensualIntimateImagery { get; } = new("non-consensual-intimate-imagery");

    /// <summary>Decision: sexualization of a minor, real or fictional.</summary>
    public static Category MinorSexualization { get; } = new("minor-sexualization");

    /// <summary>Decision: sexual content about a generic adult, under a host policy that tightened it.</summary>
    public static Category AdultContent { get; } = new("adult-content");

    /// <summary>The classifier's judgement that the request as a whole should be flagged.</summary>
    public static Category ClassifierFlag { get; } = new("classifier-flag");

    /// <summary>A1-A3 as the classifier sees it, without telling them apart.</summary>
    public static Category SexualizingAction { get; } = new("sexualizing-action");

    /// <summary>A detector failed and the failure mode decided the verdict.</summary>
    public static Category EngineFault { get; } = new("engine-fault");

    /// <summary>The default category of a policy signal.</summary>
    public static Category For(Signal signal) => signal switch
    {
        Signal.A0ChildLikeness => ChildLikeness,
        Signal.A1Undressing => Undressing,
        Signal.A2SexualizedClothing => SexualizedClothing,
        Signal.A3SexualContent => SexualContent,
        Signal.T0NonPerson => NonPerson,
        Signal.T1PicturedPerson => PicturedPerson,
        Signal.T2NamedPerson => NamedPerson,
        Signal.T3RelatedPerson => RelatedPerson,
        Signal.T4Minor => Minor,
        Signal.SexualizingAction => SexualizingAction,
        _ => EngineFault,
    };

    /// <inheritdoc />
    public bool Equals(Category other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Category other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two categories by name.</summary>
    public static bool operator ==(Category left, Category right) => left.Equals(right);

    /// <summary>Compares two categories by name.</summary>
    public static bool operator !=(Category left, Category right) => !left.Equals(right);
}
