namespace PromptGuard.Rules;

/// <summary>One problem found in a rule pack: where it is and what is wrong.</summary>
/// <param name="File">The rule file, relative to the pack's root.</param>
/// <param name="RuleId">The rule's id, when the problem belongs to a rule.</param>
/// <param name="Path">JSON path of the offending value (for example <c>$.rules[3].window</c>).</param>
/// <param name="Message">What is wrong, in words a rule author can act on.</param>
public sealed record RuleProblem(string File, string? RuleId, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        RuleId is null ? $"{File} {Path}: {Message}" : $"{File} {Path} (rule {RuleId}): {Message}";
}
