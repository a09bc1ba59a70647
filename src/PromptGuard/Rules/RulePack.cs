using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>
/// A compiled set of rule files: lexicons of concepts in many languages and the rules that combine them.
/// Loaded and compiled once; immutable and thread-safe.
/// </summary>
public sealed class RulePack
{
    private readonly CompiledRule[][] _rulesByTrigger;
    private readonly Lazy<FuzzyMatcher> _fuzzy;
    private readonly bool[] _signalConcepts;

    // fuzzy: the misspelling index restored from the compiled snapshot; null builds it on first use.
    internal RulePack(string name, string version, AhoCorasickAutomaton automaton, IReadOnlyList<CompiledRule> rules, IReadOnlyList<string> conceptNames, IReadOnlyList<string> languages, FuzzyMatcher? fuzzy = null)
    {
        Name = name;
        Version = version;
        Automaton = automaton;
        // Built on first use: a screening that the exact words already decide (and a cold `check`) never pays for it.
        _fuzzy = fuzzy is not null
            ? new Lazy<FuzzyMatcher>(fuzzy)
            : new Lazy<FuzzyMatcher>(() => new FuzzyMatcher(automaton.Terms, conceptNames.ToList().IndexOf(RulePackLoader.NamedPersonConcept)));
        Rules = rules;
        ConceptNames = conceptNames;
        Languages = languages;
        PatternRules = rules.Where(r => r.PatternText is not null).ToArray();
        PatternPrefilter = new PatternPrefilter(PatternRules);
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Index = i;
        }

        _signalConcepts = new bool[conceptNames.Count];
        foreach (var concept in rules.SelectMany(r => r.All.Concat(r.Any)))
        {
            _signalConcepts[concept] = true;
        }
        // Indexed by concept (dense ids): the per-hit lookup is an array read, not a hash probe.
        _rulesByTrigger = new CompiledRule[conceptNames.Count][];
        Array.Fill(_rulesByTrigger, []);
        foreach (var group in rules
            .Where(r => r.PatternText is null)
            .SelectMany(r => (r.All.Length > 0 ? [r.All[0]] : r.Any).Select(c => (Concept: c, Rule: r)))
            .GroupBy(p => p.Concept))
        {
            _rulesByTrigger[group.Key] = group.Select(p => p.Rule).Distinct().ToArray();
        }
    }

    /// <summary>The pack's name from pack.json.</summary>
    public string Name { get; }

    /// <summary>The pack's version from pack.json, with a short hash of the files' content so edited packs never share a version.</summary>
    public string Version { get; }

    /// <summary>The languages that have a rule file in the pack.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Number of rules.</summary>
    public int RuleCount => Rules.Count;

    /// <summary>Number of lexicon terms compiled into the matcher.</summary>
    public int TermCount => Automaton.Terms.Count;

    internal AhoCorasickAutomaton Automaton { get; }

    internal FuzzyMatcher Fuzzy => _fuzzy.Value;

    /// <summary>Whether a concept feeds an action or target rule (as opposed to a veto).</summary>
    internal bool IsSignalConcept(int concept) => concept < _signalConcepts.Length && _signalConcepts[concept];

    internal IReadOnlyList<CompiledRule> Rules { get; }

    internal IReadOnlyList<CompiledRule> PatternRules { get; }

    /// <summary>Which pattern rules can match a text, from the strings each one requires.</summary>
    internal PatternPrefilter PatternPrefilter { get; }

    internal IReadOnlyList<string> ConceptNames { get; }

    /// <summary>Loads the rule packs embedded in the library.</summary>
    /// <exception cref="RulePackException">The embedded pack is invalid (a build defect).</exception>
    public static RulePack LoadDefault() => RulePackLoader.Load(RuleSource.Embedded, []);

    /// <summary>Loads and compiles the rule files of a directory.</summary>
    /// <exception cref="RulePackException">A file cannot be read or parsed, or a rule is invalid; lists every problem with file, rule id and JSON path.</exception>
    public static RulePack Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return RulePackLoader.Load(RuleSource.FromDirectory(directory), []);
    }

    /// <summary>Every problem in the rule files of a directory (or of the embedded pack when null), without throwing.</summary>
    public static IReadOnlyList<RuleProblem> Lint(string? directory)
    {
        try
        {
            var source = directory is null ? RuleSource.Embedded : RuleSource.FromDirectory(directory);
            RulePackLoader.Load(source, []);
            return [];
        }
        catch (RulePackException ex)
        {
            return ex.Problems.Count > 0 ? ex.Problems : [new RuleProblem(directory ?? "(embedded)", null, "$", ex.Message)];
        }
    }

    internal ReadOnlySpan<CompiledRule> RulesTriggeredBy(int concept) =>
        (uint)concept < (uint)_rulesByTrigger.Length ? _rulesByTrigger[concept] : [];

    /// <summary>Runs every rule's examples: a "match" example must make its rule fire, a "noMatch" one must not.</summary>
    public IReadOnlyList<RuleExampleResult> RunExamples()
    {
        var results = new List<RuleExampleResult>();
        foreach (var rule in Rules)
        {
            foreach (var example in rule.MatchExamples)
            {
                results.Add(new RuleExampleResult(rule.Id, rule.File, example, true, Fires(rule, example)));
            }

            foreach (var example in rule.NoMatchExamples)
            {
                results.Add(new RuleExampleResult(rule.Id, rule.File, example, false, !Fires(rule, example)));
            }
        }

        return results;
    }

    internal bool Fires(CompiledRule rule, string text)
    {
        var normalized = TextNormalizer.Instance.Normalize(text);
        var hits = new List<ConceptHit>();
        Automaton.FindAll(normalized.Text, normalized.Runs, normalized.Joined, hits);
        var index = new HitIndex(hits, RuleEvaluator.IndexWords(normalized.Text));
        return RuleEvaluator.TryFire(rule, normalized.Text, index, Automaton.Terms, out _);
    }
}
