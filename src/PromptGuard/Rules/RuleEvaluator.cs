using System.Text.RegularExpressions;

using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>Runs the compiled rules over the concept hits of one prompt.</summary>
internal static class RuleEvaluator
{
    /// <summary>Word index of every character: characters of the same word share it.</summary>
    public static int[] IndexWords(ReadOnlySpan<char> text)
    {
        var words = new int[text.Length + 1];
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
    public static bool TryFire(CompiledRule rule, string text, List<ConceptHit> hits, int[] words, IReadOnlyList<LexiconTerm> terms, out RuleFiring firing)
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

        foreach (var anchor in hits)
        {
            var isAnchor = rule.All.Length > 0 ? anchor.ConceptId == rule.All[0] : Array.IndexOf(rule.Any, anchor.ConceptId) >= 0;
            if (!isAnchor)
            {
                continue;
            }

            var start = anchor.Start;
            var end = anchor.End;
            var last = anchor;
            var satisfied = true;
            for (var k = 1; k < rule.All.Length && satisfied; k++)
            {
                if (!TryFindNear(rule.All[k], anchor, rule.Ordered ? last.End : -1, rule.Window, hits, words, out var found))
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
                    if (TryFindNear(concept, anchor, rule.Ordered ? last.End : -1, rule.Window, hits, words, out var found))
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
                if (TryFindNear(concept, anchor, -1, rule.Window, hits, words, out _))
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
    public static string? DescribeMiss(CompiledRule rule, List<ConceptHit> hits, int[] words, IReadOnlyList<string> conceptNames)
    {
        if (rule.Pattern is not null)
        {
            return null;
        }

        var wanted = rule.All.Concat(rule.Any).ToArray();
        var present = wanted.Where(c => hits.Exists(h => h.ConceptId == c)).ToArray();
        if (present.Length == 0)
        {
            return null;
        }

        var missingAll = rule.All.Where(c => !hits.Exists(h => h.ConceptId == c)).Select(c => conceptNames[c]).ToArray();
        if (missingAll.Length > 0)
        {
            return "missing " + string.Join(", ", missingAll);
        }

        if (rule.Any.Length > 0 && !rule.Any.Any(c => hits.Exists(h => h.ConceptId == c)))
        {
            return "missing any of " + string.Join(", ", rule.Any.Select(c => conceptNames[c]));
        }

        var vetoes = rule.None.Where(c => hits.Exists(h => h.ConceptId == c)).Select(c => conceptNames[c]).ToArray();
        if (vetoes.Length > 0)
        {
            return "vetoed by " + string.Join(", ", vetoes) + (rule.Window == int.MaxValue ? string.Empty : $" (or concepts too far apart, window {rule.Window})");
        }

        return rule.Window == int.MaxValue ? "order not satisfied" : $"concepts further apart than {rule.Window} word(s)";
    }

    private static bool TryFindNear(int concept, ConceptHit anchor, int notBefore, int window, List<ConceptHit> hits, int[] words, out ConceptHit found)
    {
        found = default;
        var bestDistance = int.MaxValue;
        foreach (var hit in hits)
        {
            if (hit.ConceptId != concept || (notBefore >= 0 && hit.Start < notBefore))
            {
                continue;
            }

            var distance = Distance(anchor, hit, words);
            if (distance <= window && distance < bestDistance)
            {
                bestDistance = distance;
                found = hit;
            }
        }

        return bestDistance != int.MaxValue;
    }

    private static int Distance(ConceptHit a, ConceptHit b, int[] words)
    {
        if (b.Start >= a.End)
        {
            return words[b.Start] - words[a.End - 1];
        }

        if (a.Start >= b.End)
        {
            return words[a.Start] - words[b.End - 1];
        }

        return 0;
    }
}
