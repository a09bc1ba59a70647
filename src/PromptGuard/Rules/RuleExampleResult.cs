namespace PromptGuard.Rules;

/// <summary>The outcome of one example attached to a rule.</summary>
/// <param name="RuleId">The rule the example belongs to.</param>
/// <param name="File">The rule file.</param>
/// <param name="Example">The example text.</param>
/// <param name="ShouldMatch">True for a "match" example, false for a "noMatch" one.</param>
/// <param name="Passed">True when the rule did what the example says.</param>
public sealed record RuleExampleResult(string RuleId, string File, string Example, bool ShouldMatch, bool Passed);
