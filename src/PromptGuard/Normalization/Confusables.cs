namespace PromptGuard.Normalization;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones. Folded only inside words that mix scripts (or
/// are wholly Greek, a script no pack uses), so Russian and Ukrainian text stays Cyrillic.
/// </summary>
internal static class Confusables
{
    public static char FoldCyrillic(char c) => c switch
    {
        'а' => 'a', 'в' => 'b', 'е' => 'e', 'ё' => 'e', 'і' => 'i', 'ї' => 'i', 'ј' => 'j', 'к' => 'k',
        'м' => 'm', 'н' => 'h', 'о' => 'o', 'п' => 'n', 'р' => 'p', 'с' => 'c', 'т' => 't', 'у' => 'y',
        'х' => 'x', 'ѕ' => 's', 'ԁ' => 'd', 'ԛ' => 'q', 'ԝ' => 'w', 'ӏ' => 'l', 'ь' => 'b', 'г' => 'r',
        _ => c,
    };

    /// <summary>A Latin letter that looks like a Cyrillic one, read as that letter inside a mostly Cyrillic word.</summary>
    public static char LatinToCyrillic(char c) => c switch
    {
        'a' => 'а', 'b' => 'в', 'c' => 'с', 'e' => 'е', 'h' => 'н', 'i' => 'і', 'k' => 'к', 'm' => 'м',
        'n' => 'п', 'o' => 'о', 'p' => 'р', 'r' => 'г', 't' => 'т', 'x' => 'х', 'y' => 'у',
        _ => c,
    };

    public static char FoldGreek(char c) => c switch
    {
        'α' => 'a', 'β' => 'b', 'γ' => 'y', 'ε' => 'e', 'η' => 'n', 'ι' => 'i', 'κ' => 'k', 'μ' => 'u',
        'ν' => 'v', 'ο' => 'o', 'ρ' => 'p', 'τ' => 't', 'υ' => 'u', 'χ' => 'x', 'ω' => 'w', 'ς' => 's',
        'σ' => 'o', 'ζ' => 'z',
        _ => c,
    };

    /// <summary>Small capitals (ɴᴜᴅᴇ) look like letters but NFKC leaves them alone.</summary>
    public static char FoldSmallCapital(char c) => c switch
    {
        '\u1D00' => 'a', '\u0299' => 'b', '\u1D04' => 'c', '\u1D05' => 'd', '\u1D07' => 'e', '\uA730' => 'f', '\u0262' => 'g',
        '\u029C' => 'h', '\u026A' => 'i', '\u1D0A' => 'j', '\u1D0B' => 'k', '\u029F' => 'l', '\u1D0D' => 'm', '\u0274' => 'n',
        '\u1D0F' => 'o', '\u1D18' => 'p', '\u0280' => 'r', '\uA731' => 's', '\u1D1B' => 't', '\u1D1C' => 'u', '\u1D20' => 'v',
        '\u1D21' => 'w', '\u028F' => 'y', '\u1D22' => 'z', '\u0251' => 'a', '\u0261' => 'g', '\u0131' => 'i',
        _ => c,
    };

    public static bool IsLatin(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF';

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u052F';

    public static bool IsGreek(char c) => c is >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF';
}
