namespace PromptGuard.Rules;

/// <summary>
/// Tells which pattern rules can match a text, in one pass of a small automaton over the strings each pattern
/// requires (<see cref="RequiredLiterals"/>): a pattern none of whose strings occur cannot match, so it is not run.
/// </summary>
/// <remarks>
/// Most prompts hold none of the strings (an age in words, a school grade, a separable verb), so most screenings run
/// no regex at all, and a pattern's regex is needed only once a text could match it. A pattern whose requirement is
/// unknown runs on every text.
/// </remarks>
internal sealed class PatternPrefilter
{
    private readonly bool[] _alwaysRun;
    private readonly AhoCorasickAutomaton? _literals;
    private readonly bool _anyAlwaysRuns;

    public PatternPrefilter(IReadOnlyList<CompiledRule> patternRules)
    {
        PatternCount = patternRules.Count;
        _alwaysRun = new bool[patternRules.Count];
        var terms = new List<LexiconTerm>();
        for (var i = 0; i < patternRules.Count; i++)
        {
            var required = RequiredLiterals.Of(patternRules[i].PatternText!);
            if (required is null)
            {
                _alwaysRun[i] = true;
                continue;
            }

            terms.AddRange(required.Select(literal => new LexiconTerm(literal, i, "und", TermMatchMode.Infix)));
        }

        _literals = terms.Count > 0 ? new AhoCorasickAutomaton(terms) : null;
        AnalyzedCount = _alwaysRun.Count(always => !always);
        _anyAlwaysRuns = AnalyzedCount < PatternCount;
    }

    /// <summary>How many patterns it filters (the others run on every text).</summary>
    public int AnalyzedCount { get; }

    public int PatternCount { get; }

    /// <summary>
    /// Marks in <paramref name="candidates"/> (one per pattern rule, in order) the patterns that can match
    /// <paramref name="text"/>; returns whether any can. <paramref name="scratch"/> is working space.
    /// </summary>
    public bool FindCandidates(string text, Span<bool> candidates, List<ConceptHit> scratch)
    {
        _alwaysRun.CopyTo(candidates);
        var any = _anyAlwaysRuns;
        if (_literals is null)
        {
            return any;
        }

        scratch.Clear();
        _literals.FindAll(text, default, default, scratch);
        foreach (ref readonly var hit in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch))
        {
            candidates[hit.ConceptId] = true;
            any = true;
        }

        return any;
    }
}
