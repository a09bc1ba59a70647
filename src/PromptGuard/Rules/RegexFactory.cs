using System.Text.RegularExpressions;

namespace PromptGuard.Rules;

/// <summary>
/// The one place rule-pack regexes are built: non-backtracking (linear time, so a hostile prompt
/// cannot make it explode) and with a timeout as a second fence.
/// </summary>
internal static class RegexFactory
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(100);

    /// <exception cref="ArgumentException">The pattern is not valid or uses a construct the non-backtracking engine refuses.</exception>
    public static Regex Create(string pattern, TimeSpan? timeout = null) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, timeout ?? DefaultTimeout);
}
