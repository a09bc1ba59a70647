namespace PromptGuard.Rules;

/// <summary>Thrown when a rule pack cannot be loaded; carries every problem found, not just the first.</summary>
public sealed class RulePackException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public RulePackException(IReadOnlyList<RuleProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RulePackException()
        : this(Array.Empty<RuleProblem>())
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RulePackException(string message)
        : base(message)
    {
        Problems = Array.Empty<RuleProblem>();
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RulePackException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = Array.Empty<RuleProblem>();
    }

    /// <summary>Every problem found in the rule pack.</summary>
    public IReadOnlyList<RuleProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<RuleProblem> problems) =>
        problems.Count == 0
            ? "The rule pack is invalid."
            : $"The rule pack has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
