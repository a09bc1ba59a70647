namespace PromptGuard.Rules;

/// <summary>Test seam: rebuilds a rule's pattern with another timeout, to prove a timeout fails closed.</summary>
internal static class RegexTimeouts
{
    public static void Override(CompiledRule rule, TimeSpan timeout)
    {
        if (rule.PatternText is { } pattern)
        {
            rule.Pattern = RegexFactory.Create(pattern, timeout);
        }
    }
}
