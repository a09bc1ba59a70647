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

    /// <summary>
    /// Checks a pattern at load without paying for the non-backtracking engine's construction (tens of milliseconds
    /// each): the syntax with the interpreter, and the constructs the non-backtracking engine refuses by name.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is not valid.</exception>
    /// <exception cref="NotSupportedException">The pattern needs backtracking (backreferences, lookarounds, atomic or conditional groups).</exception>
    public static void Validate(string pattern)
    {
        _ = new Regex(pattern, RegexOptions.CultureInvariant, DefaultTimeout);
        foreach (var construct in s_backtrackingConstructs)
        {
            if (pattern.Contains(construct, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"'{construct}' needs backtracking.");
            }
        }

        for (var i = 0; i + 1 < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && char.IsAsciiDigit(pattern[i + 1]) && pattern[i + 1] != '0')
            {
                throw new NotSupportedException("Backreferences need backtracking.");
            }

            if (pattern[i] == '\\')
            {
                i++;
            }
        }
    }

    private static readonly string[] s_backtrackingConstructs = ["(?=", "(?!", "(?<=", "(?<!", "(?>", "(?(", "\\k<", "\\G"];
}
