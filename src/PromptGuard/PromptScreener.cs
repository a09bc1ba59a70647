using System.Text.RegularExpressions;
using PromptGuard.Normalization;
using PromptGuard.Policy;
using PromptGuard.Rules;

namespace PromptGuard;

/// <summary>
/// The screening engine: normalizes the prompt, matches the rule packs in one pass, and applies the policy.
/// Immutable and thread-safe; build once and share.
/// </summary>
/// <remarks>
/// Runs in-process and offline. It never logs, stores or sends a prompt.
/// </remarks>
public sealed class PromptScreener : IPromptScreener
{
    private const string LengthLimitRuleId = "PG-LIMIT-LENGTH";

    private static readonly Lazy<PromptScreener> s_default = new(() => CreateBuilder().Build());

    private readonly RulePack _pack;
    private readonly PromptScreenerOptions _options;

    internal PromptScreener(RulePack pack, PromptScreenerOptions options)
    {
        _pack = pack;
        _options = options;
    }

    /// <summary>The rule pack this screener runs.</summary>
    public RulePack RulePack => _pack;

    /// <summary>The policy options this screener applies.</summary>
    public PromptScreenerOptions Options => _options;

    /// <summary>A screener with the embedded default rule packs and the default policy. Built once per process and shared.</summary>
    public static PromptScreener CreateDefault() => s_default.Value;

    /// <summary>A builder to choose rules and policy options.</summary>
    public static PromptScreenerBuilder CreateBuilder() => new();

    /// <summary>A screener over the rule files of a directory, with the default policy.</summary>
    /// <exception cref="RulePackException">The rule files are invalid.</exception>
    public static PromptScreener FromDirectory(string directory) => CreateBuilder().UseRulesDirectory(directory).Build();

    /// <inheritdoc />
    public ScreeningResult Screen(ScreeningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(request, explain: false).Result;
    }

    internal ScreeningTrace Explain(ScreeningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(request, explain: true);
    }

    private ScreeningTrace Run(ScreeningRequest request, bool explain)
    {
        var prompt = request.Prompt;
        var oversized = prompt.Length > _options.MaxPromptLength;
        NormalizedText normalized;
        try
        {
            normalized = TextNormalizer.Instance.Normalize(oversized ? prompt[.._options.MaxPromptLength] : prompt);
        }
#pragma warning disable CA1031 // A guard must answer every input; the fault becomes a reason, never a crash of the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            normalized = new NormalizedText(prompt, string.Empty, [], [], [], NormalizationSteps.None);
            return Faulted(normalized, "PG-FAULT-NORMALIZER", "The normalizer failed: " + ex.GetType().Name, []);
        }

        var hits = new List<ConceptHit>();
        var firings = new List<RuleFiring>();
        var nearMisses = new List<NearMiss>();
        var faults = new List<ScreeningReason>();
        try
        {
            _pack.Automaton.FindAll(normalized.Text, normalized.Runs, normalized.Joined, hits);
            var words = hits.Count > 0 || _pack.PatternRules.Count > 0 ? RuleEvaluator.IndexWords(normalized.Text) : [];
            EvaluateRules(normalized.Text, hits, words, firings, faults, null);

            // Misspellings are looked for only when the exact words did not already decide: most prompts stop here.
            var exactHits = hits.Count;
            if (PolicyEngine.Decide(firings, request.HasSourceImage, _options).Verdict != Verdict.Block)
            {
                _pack.Fuzzy.FindAll(normalized.Text, hits);
            }

            if (hits.Count > exactHits || explain)
            {
                if (words.Length == 0)
                {
                    words = RuleEvaluator.IndexWords(normalized.Text);
                }

                firings.Clear();
                faults.Clear();
                EvaluateRules(normalized.Text, hits, words, firings, faults, explain ? nearMisses : null);
            }
        }
#pragma warning disable CA1031 // See above: fail closed with the fault as a reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            faults.Add(FaultReason("PG-FAULT-MATCHER", "The rule matcher failed: " + ex.GetType().Name, normalized));
        }

        if (oversized)
        {
            faults.Add(new ScreeningReason
            {
                RuleId = LengthLimitRuleId,
                Category = Category.EngineFault,
                Signal = Signal.None,
                Language = "und",
                Span = new PromptSpan(_options.MaxPromptLength, prompt.Length - _options.MaxPromptLength),
                MatchedText = string.Empty,
                Source = ReasonSource.Error,
                Score = 1.0,
                Message = $"The prompt is longer than {_options.MaxPromptLength} characters; the excess was not screened.",
            });
        }

        firings.Sort((a, b) => a.Start.CompareTo(b.Start));
        var decision = PolicyEngine.Decide(firings, request.HasSourceImage, _options);
        if (faults.Count > 0)
        {
            return Faulted(normalized, decision, faults, hits, firings, nearMisses);
        }

        var result = BuildResult(normalized, decision, []);
        return new ScreeningTrace(normalized, hits, firings, nearMisses, decision, result);
    }

    private void EvaluateRules(string text, List<ConceptHit> hits, int[] words, List<RuleFiring> firings, List<ScreeningReason> faults, List<NearMiss>? nearMisses)
    {
        HashSet<CompiledRule>? evaluated = null;
        foreach (var hit in hits)
        {
            foreach (var rule in _pack.RulesTriggeredBy(hit.ConceptId))
            {
                evaluated ??= [];
                if (!evaluated.Add(rule))
                {
                    continue;
                }

                if (RuleEvaluator.TryFire(rule, text, hits, words, _pack.Automaton.Terms, out var firing))
                {
                    firings.Add(firing);
                }
            }
        }

        foreach (var rule in _pack.PatternRules)
        {
            try
            {
                if (RuleEvaluator.TryFire(rule, text, hits, words, _pack.Automaton.Terms, out var firing))
                {
                    firings.Add(firing);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                faults.Add(new ScreeningReason
                {
                    RuleId = rule.Id,
                    Category = Category.EngineFault,
                    Signal = rule.Signal,
                    Language = rule.Language,
                    Span = new PromptSpan(0, 0),
                    MatchedText = string.Empty,
                    Source = ReasonSource.Error,
                    Score = 1.0,
                    Message = $"The pattern of rule {rule.Id} timed out.",
                });
            }
        }

        if (nearMisses is not null)
        {
            foreach (var rule in _pack.Rules)
            {
                if (firings.Exists(f => ReferenceEquals(f.Rule, rule)))
                {
                    continue;
                }

                var missing = RuleEvaluator.DescribeMiss(rule, hits, words.Length > 0 ? words : RuleEvaluator.IndexWords(text), _pack.ConceptNames);
                if (missing is not null)
                {
                    nearMisses.Add(new NearMiss(rule, missing));
                }
            }
        }
    }

    private ScreeningResult BuildResult(NormalizedText normalized, PolicyDecision decision, IReadOnlyList<ScreeningReason> faults)
    {
        if (decision.Verdict == Verdict.Allow && faults.Count == 0)
        {
            return new ScreeningResult(Verdict.Allow, decision.PolicyRuleId, null, null, normalized.Steps, _pack.Version, 0.0);
        }

        var reasons = new List<ScreeningReason>(decision.Evidence.Count + faults.Count);
        foreach (var firing in decision.Evidence.OrderBy(f => f.Start))
        {
            var span = normalized.MapToOriginal(firing.Start, firing.End);
            reasons.Add(new ScreeningReason
            {
                RuleId = firing.Rule.Id,
                Category = firing.Rule.Category,
                Signal = firing.Rule.Signal,
                Language = firing.Language,
                Span = span,
                MatchedText = normalized.OriginalText(span),
                Source = ReasonSource.Rule,
                Score = firing.Rule.Score,
                Message = firing.Rule.Message,
            });
        }

        reasons.AddRange(faults);
        var categories = new List<Category>();
        if (decision.DecisionCategory is { } decisionCategory && decision.Verdict != Verdict.Allow)
        {
            categories.Add(decisionCategory);
        }

        foreach (var reason in reasons)
        {
            if (!categories.Contains(reason.Category))
            {
                categories.Add(reason.Category);
            }
        }

        var score = reasons.Count == 0 ? 0.0 : reasons.Where(r => r.Signal is Signal.A1Undressing or Signal.A2SexualizedClothing or Signal.A3SexualContent || r.Source == ReasonSource.Error).Select(r => r.Score).DefaultIfEmpty(0.0).Max();
        return new ScreeningResult(decision.Verdict, decision.PolicyRuleId, categories, reasons, normalized.Steps, _pack.Version, score);
    }

    private ScreeningTrace Faulted(NormalizedText normalized, PolicyDecision decision, List<ScreeningReason> faults, List<ConceptHit> hits, List<RuleFiring> firings, List<NearMiss> nearMisses)
    {
        // Fail-open decides on the evidence gathered, except that an oversized prompt is never let through unseen.
        var oversized = faults.Exists(f => f.RuleId == LengthLimitRuleId);
        var verdict = _options.FailureMode == FailureMode.FailClosed
            ? Verdict.Block
            : oversized ? (Verdict)Math.Max((int)decision.Verdict, (int)Verdict.Review) : decision.Verdict;
        var faulted = decision with
        {
            Verdict = verdict,
            PolicyRuleId = decision.Verdict == Verdict.Block ? decision.PolicyRuleId : PolicyRuleIds.Fault,
            DecisionCategory = decision.DecisionCategory ?? Category.EngineFault,
            Path = decision.Path + $"; a detector failed: {verdict.ToString().ToUpperInvariant()} ({_options.FailureMode})",
        };
        return new ScreeningTrace(normalized, hits, firings, nearMisses, faulted, BuildResult(normalized, faulted, faults));
    }

    private ScreeningTrace Faulted(NormalizedText normalized, string ruleId, string message, List<ConceptHit> hits)
    {
        var decision = new PolicyDecision(Verdict.Allow, PolicyRuleIds.Fault, Category.EngineFault, "no evidence could be gathered", []);
        return Faulted(normalized, decision, [FaultReason(ruleId, message, normalized)], hits, [], []);
    }

    private static ScreeningReason FaultReason(string ruleId, string message, NormalizedText normalized) => new()
    {
        RuleId = ruleId,
        Category = Category.EngineFault,
        Signal = Signal.None,
        Language = "und",
        Span = new PromptSpan(0, normalized.Original.Length),
        MatchedText = string.Empty,
        Source = ReasonSource.Error,
        Score = 1.0,
        Message = message,
    };
}
