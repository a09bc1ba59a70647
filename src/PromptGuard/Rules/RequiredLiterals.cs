using System.Globalization;

namespace PromptGuard.Rules;

/// <summary>
/// Reads a rule pattern and works out strings of which every match must contain at least one ("klase" or "klasen"
/// for <c>\bklas(e|en)\b</c>), so a prompt that holds none of them need not run the pattern at all.
/// </summary>
/// <remarks>
/// Patterns run on normalized text only, and the analysis uses what that text cannot hold: upper case, and any white
/// space but single plain spaces. The analysis is conservative: a construct it does not know, a set that grows too large, or an optional part
/// yields no requirement, and the pattern then runs on every text, as before. Literals are lower-cased, as the
/// patterns run case-insensitively over normalized text, which is lower case. The same-case pairs the engine also
/// folds (the Kelvin sign, the long s) are folded to ASCII by the normalizer before any pattern sees the text.
/// </remarks>
internal static class RequiredLiterals
{
    /// <summary>Most strings kept for a part of a pattern; beyond it the part is "anything".</summary>
    private const int MaximumStrings = 64;

    /// <summary>Most strings an alternation's requirement may gather from its branches (each within the limit above).</summary>
    private const int MaximumRequired = 128;

    /// <summary>Longest string built by concatenation.</summary>
    private const int MaximumLength = 32;

    /// <summary>Largest character class expanded into its characters.</summary>
    private const int MaximumClassSize = 12;

    /// <summary>Deepest group nesting analyzed (recursion depth); deeper patterns simply always run.</summary>
    private const int MaximumDepth = 64;

    /// <summary>
    /// The strings of which every match of <paramref name="pattern"/> contains one, or null when no such set is known
    /// (the pattern must then always run).
    /// </summary>
    public static IReadOnlyList<string>? Of(string pattern)
    {
        try
        {
            var parser = new Parser(pattern);
            var info = parser.ParseAlternation();
            if (!parser.AtEnd)
            {
                return null;
            }

            var needed = Needed(info);
            if (needed is null || needed.Any(s => s.Length == 0))
            {
                return null;
            }

            // A string that holds another of the set adds nothing: any text with it has the shorter one too.
            return needed.Where(s => !needed.Any(t => t.Length < s.Length && s.Contains(t, StringComparison.Ordinal))).ToList();
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What one part of a pattern can match: every string (when few), and strings every match contains.</summary>
    private sealed record Info(IReadOnlyList<string>? Exact, IReadOnlyList<string>? Required)
    {
        public static readonly Info Empty = new([string.Empty], null);

        public static readonly Info Anything = new(null, null);

        /// <summary>
        /// What <c>\s</c> matches in the text patterns run on: the normalizer turns every white space into one plain
        /// space and never writes two in a row, so <c>\s</c> is " " there, and <c>\s+</c> or <c>\s*</c> at most one.
        /// </summary>
        public static readonly Info Space = new([" "], null);
    }

    private static IReadOnlyList<string>? Needed(Info info)
    {
        if (info.Exact is { } exact)
        {
            return exact.Any(s => s.Length == 0) ? null : exact;
        }

        return info.Required;
    }

    /// <summary>The more selective of two requirements: longer shortest string first, then fewer strings.</summary>
    private static IReadOnlyList<string>? Better(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (a is null || a.Count == 0)
        {
            return b;
        }

        if (b is null || b.Count == 0)
        {
            return a;
        }

        var shortestA = a.Min(s => s.Length);
        var shortestB = b.Min(s => s.Length);
        if (shortestA != shortestB)
        {
            return shortestA > shortestB ? a : b;
        }

        if (a.Count != b.Count)
        {
            return a.Count < b.Count ? a : b;
        }

        // Punctuation and digits are rarer in prompts than letters: ":" rules out more texts than "i".
        return Letters(a) <= Letters(b) ? a : b;
    }

    private static int Letters(IReadOnlyList<string> strings) => strings.Sum(s => s.Count(char.IsLetter));

    private static Info Concat(Info a, Info b)
    {
        List<string>? exact = null;
        if (a.Exact is { } left && b.Exact is { } right && left.Count * right.Count <= MaximumStrings)
        {
            exact = [];
            foreach (var x in left)
            {
                foreach (var y in right)
                {
                    var joined = x + y;
                    if (joined.Length > MaximumLength)
                    {
                        exact = null;
                        break;
                    }

                    if (!exact.Contains(joined, StringComparer.Ordinal))
                    {
                        exact.Add(joined);
                    }
                }

                if (exact is null)
                {
                    break;
                }
            }
        }

        var required = Better(Better(Needed(a), Needed(b)), exact is null ? null : Needed(new Info(exact, null)));
        return new Info(exact, required);
    }

    private static Info Alternate(List<Info> branches)
    {
        List<string>? exact = [];
        List<string>? required = [];
        foreach (var branch in branches)
        {
            if (exact is not null && branch.Exact is { } strings)
            {
                exact.AddRange(strings.Where(s => !exact.Contains(s, StringComparer.Ordinal)));
                if (exact.Count > MaximumStrings)
                {
                    exact = null;
                }
            }
            else
            {
                exact = null;
            }

            // Every branch must bring a requirement, or the alternation has none.
            var needed = Needed(branch);
            if (required is not null && needed is not null)
            {
                required.AddRange(needed.Where(s => !required.Contains(s, StringComparer.Ordinal)));
                if (required.Count > MaximumRequired)
                {
                    required = null;
                }
            }
            else
            {
                required = null;
            }
        }

        return new Info(exact, exact is null ? required : null);
    }

    private static Info Repeat(Info item, int minimum, int maximum)
    {
        if (maximum == 0)
        {
            return Info.Empty;
        }

        if (item.Exact is not null && maximum != int.MaxValue && maximum <= 3)
        {
            var power = Info.Empty;
            var all = new List<Info>();
            for (var k = 1; k <= maximum; k++)
            {
                power = Concat(power, item);
                if (power.Exact is null)
                {
                    all.Clear();
                    break;
                }

                if (k >= minimum)
                {
                    all.Add(power);
                }
            }

            if (all.Count > 0)
            {
                if (minimum == 0)
                {
                    all.Add(Info.Empty);
                }

                return Alternate(all);
            }
        }

        return new Info(null, minimum >= 1 ? Needed(item) : null);
    }

    /// <summary>A recursive-descent reader of the .NET pattern syntax the rule files use.</summary>
    private sealed class Parser(string pattern)
    {
        private int _position;
        private int _depth;

        public bool AtEnd => _position >= pattern.Length;

        public Info ParseAlternation()
        {
            var branches = new List<Info> { ParseConcatenation() };
            while (!AtEnd && pattern[_position] == '|')
            {
                _position++;
                branches.Add(ParseConcatenation());
            }

            return branches.Count == 1 ? branches[0] : Alternate(branches);
        }

        /// <summary>
        /// Consecutive parts with few strings are joined into longer strings ("k", "l", "a", "s", "e|en" into "klase",
        /// "klasen"); the requirement is the most selective of those runs and of the other parts' own requirements.
        /// </summary>
        private Info ParseConcatenation()
        {
            var run = Info.Empty;
            IReadOnlyList<string>? best = null;
            var allExact = true;
            var runs = 0;
            while (!AtEnd && pattern[_position] is not ('|' or ')'))
            {
                var item = ParseRepeat();
                if (item.Exact is not null)
                {
                    var joined = Concat(run, item);
                    if (joined.Exact is not null)
                    {
                        run = joined;
                        continue;
                    }

                    best = Better(best, Needed(run));
                    runs++;
                    run = item;
                    continue;
                }

                allExact = false;
                best = Better(Better(best, Needed(run)), item.Required);
                runs++;
                run = Info.Empty;
            }

            if (allExact && runs == 0)
            {
                return run;
            }

            return new Info(null, Better(best, Needed(run)));
        }

        private Info ParseRepeat()
        {
            var atom = ParseAtom();
            while (!AtEnd)
            {
                int minimum, maximum;
                switch (pattern[_position])
                {
                    case '?':
                        (minimum, maximum) = (0, 1);
                        _position++;
                        break;
                    case '*':
                        (minimum, maximum) = (0, int.MaxValue);
                        _position++;
                        break;
                    case '+':
                        (minimum, maximum) = (1, int.MaxValue);
                        _position++;
                        break;
                    case '{' when TryReadBounds(out minimum, out maximum):
                        break;
                    default:
                        return atom;
                }

                // A lazy quantifier matches the same strings.
                if (!AtEnd && pattern[_position] == '?')
                {
                    _position++;
                }

                if (ReferenceEquals(atom, Info.Space))
                {
                    // Normalized text never holds two spaces in a row (see Info.Space).
                    maximum = Math.Min(maximum, 1);
                }

                atom = Repeat(atom, minimum, maximum);
            }

            return atom;
        }

        private bool TryReadBounds(out int minimum, out int maximum)
        {
            minimum = maximum = 0;
            var close = pattern.IndexOf('}', _position);
            if (close < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(_position + 1, close - _position - 1);
            var comma = body.IndexOf(',');
            var invariant = CultureInfo.InvariantCulture;
            if (comma < 0 ? !int.TryParse(body, NumberStyles.None, invariant, out minimum)
                : !int.TryParse(body[..comma], NumberStyles.None, invariant, out minimum))
            {
                return false;
            }

            if (comma < 0)
            {
                maximum = minimum;
            }
            else if (comma == body.Length - 1)
            {
                maximum = int.MaxValue;
            }
            else if (!int.TryParse(body[(comma + 1)..], NumberStyles.None, invariant, out maximum))
            {
                return false;
            }

            _position = close + 1;
            return true;
        }

        private Info ParseAtom()
        {
            var c = pattern[_position++];
            switch (c)
            {
                case '(':
                    if (++_depth > MaximumDepth)
                    {
                        throw new NotSupportedException("Groups nested too deep to analyze.");
                    }

                    SkipGroupPrefix();
                    var inner = ParseAlternation();
                    Expect(')');
                    _depth--;
                    return inner;
                case '[':
                    return ParseClass();
                case '\\':
                    return ParseEscape();
                case '.':
                    return Info.Anything;
                case '^' or '$':
                    return Info.Empty;
                case ')' or '|' or '*' or '+' or '?' or '{':
                    throw new NotSupportedException($"Unexpected '{c}'.");
                default:
                    return Literal(c);
            }
        }

        private void SkipGroupPrefix()
        {
            if (AtEnd || pattern[_position] != '?')
            {
                return;
            }

            if (pattern.AsSpan(_position).StartsWith("?:"))
            {
                _position += 2;
                return;
            }

            // A named group captures the same strings; anything else ((?i), lookarounds) is not analyzed.
            if (pattern.AsSpan(_position).StartsWith("?<") && _position + 2 < pattern.Length && char.IsLetter(pattern[_position + 2]))
            {
                var close = pattern.IndexOf('>', _position);
                if (close > 0)
                {
                    _position = close + 1;
                    return;
                }
            }

            throw new NotSupportedException("Group construct not analyzed.");
        }

        private void Expect(char c)
        {
            if (AtEnd || pattern[_position] != c)
            {
                throw new NotSupportedException($"'{c}' expected.");
            }

            _position++;
        }

        private Info ParseEscape()
        {
            if (AtEnd)
            {
                throw new NotSupportedException("Dangling escape.");
            }

            var c = pattern[_position++];
            return c switch
            {
                'b' or 'B' or 'A' or 'z' or 'Z' or 'G' => Info.Empty,
                's' => Info.Space,
                'd' or 'D' or 'w' or 'W' or 'S' => Info.Anything,
                'p' or 'P' => SkipCategory(),
                't' => Literal('\t'),
                'n' => Literal('\n'),
                'r' => Literal('\r'),
                'f' => Literal('\f'),
                'v' => Literal('\v'),
                'u' => Literal(ReadHex(4)),
                'x' => Literal(ReadHex(2)),
                _ when char.IsLetterOrDigit(c) => throw new NotSupportedException($"Escape \\{c} not analyzed."),
                _ => Literal(c),
            };
        }

        private Info SkipCategory()
        {
            var close = pattern.IndexOf('}', _position);
            if (AtEnd || pattern[_position] != '{' || close < 0)
            {
                throw new NotSupportedException("Bad category.");
            }

            _position = close + 1;
            return Info.Anything;
        }

        private char ReadHex(int digits)
        {
            if (_position + digits > pattern.Length
                || !int.TryParse(pattern.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new NotSupportedException("Bad hex escape.");
            }

            _position += digits;
            return (char)value;
        }

        /// <summary>A class becomes its characters when it lists a few plainly; otherwise it is "any character".</summary>
        private Info ParseClass()
        {
            var enumerable = true;
            var characters = new List<char>();
            if (!AtEnd && pattern[_position] == '^')
            {
                enumerable = false;
                _position++;
            }

            var first = true;
            while (!AtEnd && (pattern[_position] != ']' || first))
            {
                first = false;
                var c = pattern[_position++];
                if (c == '-' && !AtEnd && pattern[_position] == '[')
                {
                    // Subtraction ([a-z-[aeiou]]): skip the nested class.
                    enumerable = false;
                    _position++;
                    SkipNestedClass();
                    continue;
                }

                char low;
                if (c == '\\')
                {
                    if (AtEnd)
                    {
                        throw new NotSupportedException("Dangling escape in class.");
                    }

                    var escaped = pattern[_position++];
                    switch (escaped)
                    {
                        case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                            enumerable = false;
                            continue;
                        case 'p' or 'P':
                            SkipCategory();
                            enumerable = false;
                            continue;
                        case 'u':
                            low = ReadHex(4);
                            break;
                        case 'x':
                            low = ReadHex(2);
                            break;
                        case 't':
                            low = '\t';
                            break;
                        case 'n':
                            low = '\n';
                            break;
                        default:
                            if (char.IsLetterOrDigit(escaped))
                            {
                                throw new NotSupportedException($"Escape \\{escaped} in class not analyzed.");
                            }

                            low = escaped;
                            break;
                    }
                }
                else
                {
                    low = c;
                }

                var high = low;
                if (_position + 1 < pattern.Length && pattern[_position] == '-' && pattern[_position + 1] is not (']' or '['))
                {
                    _position++;
                    high = pattern[_position++];
                    if (high == '\\')
                    {
                        throw new NotSupportedException("Escaped range end not analyzed.");
                    }
                }

                if (high - low >= MaximumClassSize)
                {
                    enumerable = false;
                    continue;
                }

                for (var ch = low; ch <= high; ch++)
                {
                    var lower = char.ToLowerInvariant(ch);
                    if (!characters.Contains(lower))
                    {
                        characters.Add(lower);
                    }
                }
            }

            Expect(']');
            if (!enumerable || characters.Count == 0 || characters.Count > MaximumClassSize)
            {
                return Info.Anything;
            }

            return new Info(characters.Select(ch => ch.ToString()).ToList(), null);
        }

        private void SkipNestedClass()
        {
            while (!AtEnd && pattern[_position] != ']')
            {
                _position += pattern[_position] == '\\' ? 2 : 1;
            }

            Expect(']');
        }

        private static Info Literal(char c) => new([char.ToLowerInvariant(c).ToString()], null);
    }
}
