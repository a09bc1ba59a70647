namespace PromptGuard.Rules;

/// <summary>How sure a rule is that its signal is present. A weak action makes a Review, not a Block (POLICY.md).</summary>
internal enum RuleStrength
{
    Strong,
    Weak,
}
