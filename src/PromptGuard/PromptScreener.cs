using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using PromptGuard.Classification;
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

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>This thread's working buffers.</summary>
    private static Scratch CurrentScratch => t_scratch ??= new Scratch();

    /// <summary>Prompts longer than this do not leave their working lists to the thread that screened them.</summary>
    private const int RetainedPromptLength = 1 << 16;

    private static readonly Lazy<PromptScreener> s_default = new(() => CreateBuilder().Build());

    private readonly RulePack _pack;
    private readonly PromptScreenerOptions _options;
    private readonly PromptClassifier? _classifier;
    private readonly string? _classifierFault;

    internal PromptScreener(RulePack pack, PromptScreenerOptions options, PromptClassifier? classifier, string? classifierFault)
    {
        _pack = pack;
        _options = options;
        _classifier = classifier;
        _classifierFault = classifierFault;
    }

    /// <summary>Version of the classifier model this screener runs, or null when it runs none.</summary>
    public string? ModelVersion => _classifier?.Model.Version;

    /// <summary>SHA-256 of the classifier model file, or null when it runs none.</summary>
    public string? ModelSha256 => _classifier?.Model.Sha256;

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

    /// <summary>How many earlier turns are read with the prompt; escalation happens over a few turns.</summary>
    public const int MaximumHistoryTurns = 6;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ScreeningResult Screen(ScreeningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alone = Run(request, explain: false).Result;
        if (request.Prompt.Length > RetainedPromptLength)
        {
            // The working lists grew to the size of a long prompt: a thread does not keep them (megabytes each) for good.
            t_scratch = null;
        }

        if (request.History is not { Count: > 0 } || alone.Verdict == Verdict.Block)
        {
            return alone;
        }

        var together = ScreenConversation(request);
        return together.Verdict > alone.Verdict ? together : alone;
    }

    /// <summary>Screens the last turns and the prompt as one text, then maps every span back to the turn it came from.</summary>
    private ScreeningResult ScreenConversation(ScreeningRequest request)
    {
        var turns = request.History.Where(t => !string.IsNullOrEmpty(t)).TakeLast(MaximumHistoryTurns).Append(request.Prompt).ToList();
        var starts = new int[turns.Count];
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < turns.Count; i++)
        {
            if (i > 0)
            {
                // A full stop and a line break: words of two turns never join into one term.
                builder.Append(" .\n");
            }

            starts[i] = builder.Length;
            builder.Append(turns[i]);
        }

        var joint = Run(request with { History = [] }, explain: false, builder.ToString()).Result;
        if (joint.Reasons.Count == 0)
        {
            return joint;
        }

        var reasons = new List<ScreeningReason>(joint.Reasons.Count);
        foreach (var reason in joint.Reasons)
        {
            var index = Array.FindLastIndex(starts, s => s <= reason.Span.Offset);
            index = Math.Max(index, 0);
            var turnText = turns[index];
            var offset = Math.Clamp(reason.Span.Offset - starts[index], 0, turnText.Length);
            var length = Math.Clamp(reason.Span.Length, 0, turnText.Length - offset);
            reasons.Add(reason with
            {
                Turn = turns.Count - 1 - index,
                Span = new PromptSpan(offset, length),
                MatchedText = turnText.Substring(offset, length),
            });
        }

        return new ScreeningResult(joint.Verdict, joint.PolicyRuleId, joint.Categories, reasons, joint.NormalizationSteps, joint.RulePackVersion, joint.Score, joint.ModelVersion, joint.ModelSha256);
    }

    internal ScreeningTrace Explain(ScreeningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(request, explain: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ScreeningTrace Run(ScreeningRequest request, bool explain, string? text = null)
    {
        var prompt = text ?? request.Prompt;
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

        // Working lists are reused per thread for plain screenings (the result copies what it keeps); explain keeps its own.
        var scratch = explain ? new Scratch() : CurrentScratch;
        scratch.Clear();
        var hits = scratch.Hits;
        var firings = scratch.Firings;
        var nearMisses = scratch.NearMisses;
        var faults = scratch.Faults;
        try
        {
            if (_options.Detectors.HasFlag(Detectors.Rules))
            {
                MatchRules(request, normalized, hits, firings, faults, explain ? nearMisses : null);
            }
        }
#pragma warning disable CA1031 // See above: fail closed with the fault as a reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            faults.Add(FaultReason("PG-FAULT-MATCHER", "The rule matcher failed: " + ex.GetType().Name, normalized));
        }

        // The rules' decision is taken once; the classifier's scores are then fused into it.
        firings.Sort((a, b) => a.Start.CompareTo(b.Start));
        var rulesDecision = PolicyEngine.Decide(firings, request.HasSourceImage, _options);
        ClassifierScores? scores = null;

        // The classifier never overrides a rule's Block, so a request the rules blocked does not pay for it.
        var rulesBlocked = _options.Detectors == Detectors.All && faults.Count == 0 && rulesDecision.Verdict == Verdict.Block;
        if (_options.Detectors.HasFlag(Detectors.Classifier))
        {
            if (_classifierFault is not null)
            {
                faults.Add(FaultReason("PG-FAULT-MODEL", _classifierFault, normalized));
            }
            else if (_classifier is not null && !rulesBlocked)
            {
                try
                {
                    scores = _classifier.Score(normalized, request.HasSourceImage);
                }
#pragma warning disable CA1031 // See above: fail closed with the fault as a reason.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    faults.Add(FaultReason("PG-FAULT-CLASSIFIER", "The classifier failed: " + ex.GetType().Name, normalized));
                }
            }
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

        var decision = PolicyEngine.Combine(rulesDecision, firings, request.HasSourceImage, _options, scores);
        if (faults.Count > 0)
        {
            return Faulted(normalized, decision, faults, hits, firings, nearMisses, scores);
        }

        var result = BuildResult(normalized, decision, [], scores);
        return new ScreeningTrace(normalized, hits, firings, nearMisses, decision, result) { Scores = scores };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MatchRules(ScreeningRequest request, NormalizedText normalized, List<ConceptHit> hits, List<RuleFiring> firings, List<ScreeningReason> faults, List<NearMiss>? nearMisses)
    {
        _pack.Automaton.FindAll(normalized.Text, normalized.Runs, normalized.Joined, hits);
        // Only the pattern rules whose required strings occur can match; explain runs them all to report near misses.
        var patternCount = _pack.PatternRules.Count;
        var candidates = patternCount <= 128 ? stackalloc bool[patternCount] : new bool[patternCount];
        bool patterns;
        if (nearMisses is not null)
        {
            candidates.Fill(true);
            patterns = patternCount > 0;
        }
        else
        {
            patterns = patternCount > 0 && _pack.PatternPrefilter.FindCandidates(normalized.Text, candidates, CurrentScratch.PatternHits);
        }

        var words = hits.Count > 0 || patterns ? RuleEvaluator.IndexWords(normalized.Text, CurrentScratch.Words(normalized.Text.Length + 1)) : [];
        var record = nearMisses is null ? CurrentScratch.Record : null;
        record?.Clear();
        EvaluateRules(normalized.Text, hits, words, patterns ? candidates : default, firings, faults, null, record);

        // Misspellings are looked for only when the exact words did not already decide and there is half of a request
        // to complete (a photo, an action or a target found): a misspelled word matters only beside the other half.
        var exactHits = hits.Count;
        if ((request.HasSourceImage || HasSignalConcept(hits)) && PolicyEngine.Decide(firings, request.HasSourceImage, _options).Verdict != Verdict.Block)
        {
            _pack.Fuzzy.FindAll(normalized.Text, hits);
        }

        if (hits.Count > exactHits || nearMisses is not null)
        {
            if (words.Length == 0)
            {
                words = RuleEvaluator.IndexWords(normalized.Text, CurrentScratch.Words(normalized.Text.Length + 1));
            }

            firings.Clear();
            faults.Clear();
            if (record is not null)
            {
                Reevaluate(normalized.Text, hits, exactHits, words, record, firings, faults);
            }
            else
            {
                EvaluateRules(normalized.Text, hits, words, patterns ? candidates : default, firings, faults, nearMisses);
            }
        }
    }

    /// <summary>
    /// Evaluates the rules again once misspellings added hits, with the same result as evaluating every rule over all
    /// the hits: a rule none of whose concepts the new hits carry keeps its first outcome (a rule reads only the hits of
    /// its own concepts), and pattern rules keep theirs (a pattern reads the text, not the hits). Rules are visited in
    /// the order a full evaluation visits them, so the firings come out in the same order too. On a long prompt this
    /// halves the rule work (every rule was evaluated twice over hundreds of thousands of hits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reevaluate(string text, List<ConceptHit> hits, int exactHits, int[] words, EvaluationRecord record, List<RuleFiring> firings, List<ScreeningReason> faults)
    {
        var scratch = CurrentScratch;
        var index = scratch.Index ??= new HitIndex(hits, words);
        index.Reset(hits, words);
        var added = scratch.ConceptStamps(_pack.ConceptNames.Count);
        var addedStamp = ++scratch.ConceptStamp;
        var all = CollectionsMarshal.AsSpan(hits);
        for (var h = exactHits; h < all.Length; h++)
        {
            added[all[h].ConceptId] = addedStamp;
        }

        var stamps = scratch.RuleStamps(_pack.Rules.Count);
        var stamp = ++scratch.Stamp;
        foreach (var visit in CollectionsMarshal.AsSpan(record.Visits))
        {
            stamps[visit.Rule.Index] = stamp;
            if (Reads(visit.Rule, added, addedStamp))
            {
                if (RuleEvaluator.TryFire(visit.Rule, text, index, _pack.Automaton.Terms, out var firing))
                {
                    firings.Add(firing);
                }
            }
            else if (visit.Fired)
            {
                firings.Add(visit.Firing);
            }
        }

        FireTriggeredRules(all[exactHits..], text, index, stamps, stamp, firings, record: null);
        firings.AddRange(record.PatternFirings);
        faults.AddRange(record.PatternFaults);
    }

    /// <summary>
    /// Evaluates, once each, the rules the hits' concepts trigger and that no earlier visit stamped, in the order of the
    /// hits; <paramref name="record"/>, when given, keeps each visit and its outcome for <see cref="Reevaluate"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FireTriggeredRules(ReadOnlySpan<ConceptHit> hits, string text, HitIndex index, int[] stamps, int stamp, List<RuleFiring> firings, EvaluationRecord? record)
    {
        foreach (ref readonly var hit in hits)
        {
            foreach (var rule in _pack.RulesTriggeredBy(hit.ConceptId))
            {
                if (stamps[rule.Index] == stamp)
                {
                    continue;
                }

                stamps[rule.Index] = stamp;
                var fired = RuleEvaluator.TryFire(rule, text, index, _pack.Automaton.Terms, out var firing);
                if (fired)
                {
                    firings.Add(firing);
                }

                record?.Visits.Add(new RuleVisit(rule, fired, firing));
            }
        }
    }

    /// <summary>Whether the rule reads any concept marked in <paramref name="marks"/>.</summary>
    private static bool Reads(CompiledRule rule, int[] marks, int mark) =>
        AnyMarked(rule.All, marks, mark) || AnyMarked(rule.Any, marks, mark) || AnyMarked(rule.None, marks, mark);

    private static bool AnyMarked(int[] concepts, int[] marks, int mark)
    {
        foreach (var concept in concepts)
        {
            if (marks[concept] == mark)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasSignalConcept(List<ConceptHit> hits)
    {
        foreach (ref readonly var hit in CollectionsMarshal.AsSpan(hits))
        {
            if (_pack.IsSignalConcept(hit.ConceptId))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EvaluateRules(string text, List<ConceptHit> hits, int[] words, ReadOnlySpan<bool> patternCandidates, List<RuleFiring> firings, List<ScreeningReason> faults, List<NearMiss>? nearMisses, EvaluationRecord? record = null)
    {
        if (hits.Count == 0 && patternCandidates.IsEmpty)
        {
            return;
        }

        var scratch = CurrentScratch;
        if (words.Length == 0)
        {
            words = RuleEvaluator.IndexWords(text, scratch.Words(text.Length + 1));
        }

        var index = scratch.Index ??= new HitIndex(hits, words);
        index.Reset(hits, words);

        // Each rule is evaluated once, however many of its anchors the prompt holds: a stamp per rule marks it.
        var stamps = scratch.RuleStamps(_pack.Rules.Count);
        var stamp = ++scratch.Stamp;
        FireTriggeredRules(CollectionsMarshal.AsSpan(hits), text, index, stamps, stamp, firings, record);

        for (var p = 0; p < patternCandidates.Length; p++)
        {
            if (!patternCandidates[p])
            {
                continue;
            }

            var rule = _pack.PatternRules[p];
            try
            {
                if (RuleEvaluator.TryFire(rule, text, index, _pack.Automaton.Terms, out var firing))
                {
                    firings.Add(firing);
                    record?.PatternFirings.Add(firing);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                var fault = new ScreeningReason
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
                };
                faults.Add(fault);
                record?.PatternFaults.Add(fault);
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

                var missing = RuleEvaluator.DescribeMiss(rule, index, _pack.ConceptNames);
                if (missing is not null)
                {
                    nearMisses.Add(new NearMiss(rule, missing));
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ScreeningResult BuildResult(NormalizedText normalized, PolicyDecision decision, IReadOnlyList<ScreeningReason> faults, ClassifierScores? scores)
    {
        if (decision.Verdict == Verdict.Allow && faults.Count == 0)
        {
            var risk = scores is { } s && double.IsFinite(s.Flag) ? s.Flag : 0.0;
            return new ScreeningResult(Verdict.Allow, decision.PolicyRuleId, null, null, normalized.Steps, _pack.Version, risk, ModelVersion, ModelSha256);
        }

        var reasons = new List<ScreeningReason>(decision.Evidence.Count + faults.Count);
        RuleFiring? previous = null;
        foreach (var firing in decision.Evidence.OrderBy(f => f.Start).ThenBy(f => f.End).ThenBy(f => f.Rule.Signal))
        {
            // Two rules reading the same words the same way ("bikini" as an edit and as a text-to-image tag) are one
            // reason for the host; `explain` still lists every rule that fired.
            if (previous is { } p && p.Start == firing.Start && p.End == firing.End && p.Rule.Signal == firing.Rule.Signal)
            {
                continue;
            }

            previous = firing;
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

        foreach (var evidence in decision.ClassifierEvidence)
        {
            reasons.Add(ClassifierReason(evidence, normalized.Original));
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

        var score = reasons.Where(r => r.Signal is Signal.A1Undressing or Signal.A2SexualizedClothing or Signal.A3SexualContent or Signal.SexualizingAction || r.Source != ReasonSource.Rule)
            .Select(r => r.Score).DefaultIfEmpty(0.0).Max();
        return new ScreeningResult(decision.Verdict, decision.PolicyRuleId, categories, reasons, normalized.Steps, _pack.Version, score, ModelVersion, ModelSha256);
    }

    private static ScreeningReason ClassifierReason(ClassifierEvidence evidence, string prompt)
    {
        var (ruleId, signal, category, message) = evidence.Head switch
        {
            ClassifierHead.Action => ("PG-ML-ACTION", Signal.SexualizingAction, Category.SexualizingAction, "The classifier reads a sexualizing action (A1-A3)."),
            ClassifierHead.RealPerson => ("PG-ML-REAL-PERSON", Signal.T1PicturedPerson, Category.PicturedPerson, "The classifier reads a real person as the target."),
            ClassifierHead.Minor => ("PG-ML-MINOR", Signal.T4Minor, Category.Minor, "The classifier reads a minor as the target."),
            _ => ("PG-ML-FLAG", Signal.None, Category.ClassifierFlag, "The classifier reads the whole request as one to flag."),
        };

        // The classifier judges the whole prompt, so its span is the whole prompt (no copy: the same string).
        return new ScreeningReason
        {
            RuleId = ruleId,
            Category = category,
            Signal = signal,
            Language = "und",
            Span = new PromptSpan(0, prompt.Length),
            MatchedText = prompt,
            Source = ReasonSource.Classifier,
            Score = evidence.Probability,
            Message = message,
        };
    }

    private ScreeningTrace Faulted(NormalizedText normalized, PolicyDecision decision, List<ScreeningReason> faults, List<ConceptHit> hits, List<RuleFiring> firings, List<NearMiss> nearMisses, ClassifierScores? scores = null)
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
        return new ScreeningTrace(normalized, hits, firings, nearMisses, faulted, BuildResult(normalized, faulted, faults, scores)) { Scores = scores };
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

    /// <summary>One rule the first evaluation visited, in visiting order, and what it gave.</summary>
    private readonly record struct RuleVisit(CompiledRule Rule, bool Fired, RuleFiring Firing);

    /// <summary>The first evaluation of a prompt: the lexicon rules it visited, and the pattern rules' outcomes.</summary>
    private sealed class EvaluationRecord
    {
        public List<RuleVisit> Visits { get; } = [];

        public List<RuleFiring> PatternFirings { get; } = [];

        public List<ScreeningReason> PatternFaults { get; } = [];

        public void Clear()
        {
            Visits.Clear();
            PatternFirings.Clear();
            PatternFaults.Clear();
        }
    }

    /// <summary>The lists one screening works in.</summary>
    private sealed class Scratch
    {
        public List<ConceptHit> Hits { get; } = [];

        /// <summary>Working space of the pattern prefilter.</summary>
        public List<ConceptHit> PatternHits { get; } = [];

        public List<RuleFiring> Firings { get; } = [];

        public List<NearMiss> NearMisses { get; } = [];

        public List<ScreeningReason> Faults { get; } = [];

        private int[] _words = new int[256];
        private int[] _ruleStamps = [];

        public HitIndex? Index { get; set; }

        public int Stamp { get; set; }

        public int[] Words(int length) => _words.Length >= length ? _words : _words = new int[Math.Max(length, _words.Length * 2)];

        /// <summary>What the first evaluation of the current prompt found, for <see cref="Reevaluate"/>.</summary>
        public EvaluationRecord Record { get; } = new();

        private int[] _conceptStamps = [];

        public int ConceptStamp { get; set; }

        public int[] ConceptStamps(int count)
        {
            if (_conceptStamps.Length < count)
            {
                _conceptStamps = new int[count];
                ConceptStamp = 0;
            }

            return _conceptStamps;
        }

        public int[] RuleStamps(int count)
        {
            if (_ruleStamps.Length < count)
            {
                _ruleStamps = new int[count];
                Stamp = 0;
            }

            return _ruleStamps;
        }

        public void Clear()
        {
            Hits.Clear();
            Firings.Clear();
            NearMisses.Clear();
            Faults.Clear();
        }
    }
}
