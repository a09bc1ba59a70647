using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>Runs the compiled rules over the concept hits of one prompt.</summary>
internal static class RuleEvaluator
{
    /// <summary>Word index of every character: characters of the same word share it.</summary>
    public static int[] IndexWords(ReadOnlySpan<char> text) => IndexWords(text, new int[text.Length + 1]);

    /// <summary>Fills <paramref name="words"/> (at least one longer than the text) and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] IndexWords(ReadOnlySpan<char> text, int[] words)
    {
        var word = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            // Punctuation separates words too, so an unspaced Han or kana clause ends at 、 or 。 rather than at the next space.
            var isWord = TextNormalizer.IsWordChar(text[i]);
            if (isWord && !inWord)
            {
                word++;
            }

            inWord = isWord;
            words[i] = word;
        }

        words[text.Length] = word;
        return words;
    }

    /// <summary>Evaluates one rule. Returns true and the firing when the rule's conditions hold.</summary>
    /// <exception cref="RegexMatchTimeoutException">The rule's pattern timed out.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFire(CompiledRule rule, string text, HitIndex index, IReadOnlyList<LexiconTerm> terms, out RuleFiring firing)
    {
        firing = default;
        if (rule.Pattern is not null)
        {
            var match = rule.Pattern.Match(text);
            if (!match.Success)
            {
                return false;
            }

            firing = new RuleFiring(rule, match.Index, match.Index + Math.Max(match.Length, 1), rule.Language);
            return true;
        }

        if (rule.All.Length > 0)
        {
            return TryFireFrom(rule, index.Of(rule.All[0]), index, terms, out firing);
        }

        foreach (var concept in rule.Any)
        {
            if (TryFireFrom(rule, index.Of(concept), index, terms, out firing))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryFireFrom(CompiledRule rule, ReadOnlySpan<ConceptHit> anchors, HitIndex index, IReadOnlyList<LexiconTerm> terms, out RuleFiring firing)
    {
        firing = default;
        for (var a = 0; a < anchors.Length; a++)
        {
            var anchor = anchors[a];
            var start = anchor.Start;
            var end = anchor.End;
            var last = anchor;
            var satisfied = true;
            for (var k = 1; k < rule.All.Length; k++)
            {
                if (!index.TryFindNear(rule.All[k], anchor, rule.Ordered ? last.End : -1, rule.Window, out var found))
                {
                    satisfied = false;
                    break;
                }

                start = Math.Min(start, found.Start);
                end = Math.Max(end, found.End);
                last = found;
            }

            if (!satisfied)
            {
                continue;
            }

            if (rule.All.Length > 0 && rule.Any.Length > 0)
            {
                var anyFound = false;
                foreach (var concept in rule.Any)
                {
                    if (index.TryFindNear(concept, anchor, rule.Ordered ? last.End : -1, rule.Window, out var found))
                    {
                        start = Math.Min(start, found.Start);
                        end = Math.Max(end, found.End);
                        anyFound = true;
                        break;
                    }
                }

                if (!anyFound)
                {
                    continue;
                }
            }

            var vetoed = false;
            foreach (var concept in rule.None)
            {
                if (index.TryFindNear(concept, anchor, -1, rule.Window, out _))
                {
                    vetoed = true;
                    break;
                }
            }

            if (vetoed)
            {
                continue;
            }

            firing = new RuleFiring(rule, start, end, terms[anchor.TermId].Language);
            return true;
        }

        return false;
    }

    /// <summary>For explain: what a rule that did not fire still lacked, when it had at least one of its concepts.</summary>
    public static string? DescribeMiss(CompiledRule rule, HitIndex index, IReadOnlyList<string> conceptNames)
    {
        if (rule.PatternText is not null)
        {
            return null;
        }

        var present = rule.All.Concat(rule.Any).Where(index.Has).ToArray();
        if (present.Length == 0)
        {
            return null;
        }

        var missingAll = rule.All.Where(c => !index.Has(c)).Select(c => conceptNames[c]).ToArray();
        if (missingAll.Length > 0)
        {
            return "missing " + string.Join(", ", missingAll);
        }

        if (rule.Any.Length > 0 && !rule.Any.Any(index.Has))
        {
            return "missing any of " + string.Join(", ", rule.Any.Select(c => conceptNames[c]));
        }

        var vetoes = rule.None.Where(index.Has).Select(c => conceptNames[c]).ToArray();
        if (vetoes.Length > 0)
        {
            return "vetoed by " + string.Join(", ", vetoes) + (rule.Window == int.MaxValue ? string.Empty : $" (or concepts too far apart, window {rule.Window})");
        }

        return rule.Window == int.MaxValue ? "order not satisfied" : $"concepts further apart than {rule.Window} word(s)";
    }
}
