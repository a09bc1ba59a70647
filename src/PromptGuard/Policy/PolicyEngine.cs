using System.Runtime.CompilerServices;
using PromptGuard.Classification;
using PromptGuard.Rules;

namespace PromptGuard.Policy;

/// <summary>
/// POLICY.md's default decision: ACTION x TARGET. The minor floor is code, not configuration, so no option can loosen it.
/// </summary>
internal static class PolicyEngine
{
    /// <summary>Fuses the classifier's scores into a decision the rules already took (see <see cref="Decide(IReadOnlyList{RuleFiring}, bool, PromptScreenerOptions)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PolicyDecision Combine(PolicyDecision rules, IReadOnlyList<RuleFiring> firings, bool hasSourceImage, PromptScreenerOptions options, ClassifierScores? scores)
    {
        if (options.Detectors == Detectors.Classifier)
        {
            return DecideClassifierOnly(scores, options);
        }

        return scores is { } s && options.Detectors.HasFlag(Detectors.Classifier) ? Fuse(rules, firings, hasSourceImage, options, s) : rules;
    }

    private static PolicyDecision DecideClassifierOnly(ClassifierScores? scores, PromptScreenerOptions options)
    {
        if (scores is not { } s || !(s.Flag >= options.ClassifierOnlyThreshold))
        {
            return s_classifierAllows;
        }

        return new PolicyDecision(Verdict.Block, PolicyRuleIds.ClassifierOnly, s.Minor >= 0.5 ? Category.MinorSexualization : Category.NonConsensualIntimateImagery,
            $"classifier alone: flag probability {s.Flag:0.00} >= {options.ClassifierOnlyThreshold:0.00}: BLOCK", [])
        {
            ClassifierEvidence = [new ClassifierEvidence(ClassifierHead.Flag, s.Flag)],
        };
    }

    /// <summary>
    /// The classifier completes what the rules found, and never overrides a rule's Block: an action it is sure of
    /// plus a target a rule found blocks; a target it is sure of plus a rule-found action blocks for a minor (the
    /// floor) and reviews for a real person; a request it is sure should be flagged is reviewed even with no rule.
    /// </summary>
    private static PolicyDecision Fuse(PolicyDecision rules, IReadOnlyList<RuleFiring> firings, bool hasSourceImage, PromptScreenerOptions options, ClassifierScores scores)
    {
        if (rules.Verdict == Verdict.Block)
        {
            return rules;
        }

        // Nothing found by the rules and no score high enough to say anything alone: the common case, decided without allocating.
        if (firings.Count == 0 && !(scores.Flag >= options.ClassifierReviewThreshold))
        {
            return rules;
        }

        var action = new ClassifierEvidence(ClassifierHead.Action, scores.Action);
        // Two heads must agree before the classifier supplies the action: an action score alone is too eager on
        // ordinary edits it has never seen (it reads "make the man hold a cup" as close to "make the man strip").
        var classifierAction = scores.Action >= options.ClassifierActionThreshold && scores.Flag >= options.ClassifierActionThreshold;
        var minors = firings.Where(f => f.Rule.Signal == Signal.T4Minor).ToList();
        var realTargets = firings.Where(f => f.Rule.Signal is Signal.T2NamedPerson or Signal.T3RelatedPerson || (f.Rule.Signal == Signal.T1PicturedPerson && hasSourceImage)).ToList();
        var ruleActions = firings.Where(f => f.Rule.IsAction).ToList();

        if (classifierAction && minors.Count > 0)
        {
            return new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockMinor, Category.MinorSexualization, $"classifier A1-A3 ({scores.Action:0.00}) with a rule-found T4 (minor): BLOCK", minors) { ClassifierEvidence = [action] };
        }

        if (classifierAction && realTargets.Count > 0)
        {
            return new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockRealPerson, Category.NonConsensualIntimateImagery, $"classifier A1-A3 ({scores.Action:0.00}) with a rule-found T1/T2/T3 (real person): BLOCK", realTargets) { ClassifierEvidence = [action] };
        }

        if (ruleActions.Count > 0 && scores.Minor >= options.ClassifierTargetThreshold)
        {
            return new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockMinor, Category.MinorSexualization, $"rule-found A1-A3 with a classifier T4 ({scores.Minor:0.00}): BLOCK (minor floor)", ruleActions)
            {
                ClassifierEvidence = [new ClassifierEvidence(ClassifierHead.Minor, scores.Minor)],
            };
        }

        if (rules.Verdict == Verdict.Allow && ruleActions.Count > 0 && scores.RealPerson >= options.ClassifierTargetThreshold)
        {
            return new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewRealPerson, Category.NonConsensualIntimateImagery, $"rule-found A1-A3 with a classifier real-person target ({scores.RealPerson:0.00}): REVIEW", ruleActions)
            {
                ClassifierEvidence = [new ClassifierEvidence(ClassifierHead.RealPerson, scores.RealPerson)],
            };
        }

        if (rules.Verdict == Verdict.Allow && scores.Flag >= options.ClassifierReviewThreshold)
        {
            return new PolicyDecision(Verdict.Review, PolicyRuleIds.ClassifierReview, Category.ClassifierFlag, $"no rule decided; classifier flag probability {scores.Flag:0.00} >= {options.ClassifierReviewThreshold:0.00}: REVIEW", [])
            {
                ClassifierEvidence = [new ClassifierEvidence(ClassifierHead.Flag, scores.Flag)],
            };
        }

        return rules;
    }

    private static readonly PolicyDecision s_classifierAllows = new(Verdict.Allow, PolicyRuleIds.Allow, null, "classifier alone: flag probability below the threshold: ALLOW", []);

    /// <summary>The most common decision, shared so that an ordinary request allocates nothing here.</summary>
    private static readonly PolicyDecision s_noAction = new(Verdict.Allow, PolicyRuleIds.Allow, null, "no sexualizing action (A1-A3): ALLOW whatever the target", []);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PolicyDecision Decide(IReadOnlyList<RuleFiring> firings, bool hasSourceImage, PromptScreenerOptions options)
    {
        var anyAction = false;
        for (var i = 0; i < firings.Count && !anyAction; i++)
        {
            anyAction = firings[i].Rule.IsAction;
        }

        if (!anyAction)
        {
            return s_noAction;
        }

        var actions = firings.Where(f => f.Rule.IsAction).ToList();

        var strongActions = actions.Where(f => f.Rule.Strength == RuleStrength.Strong).ToList();
        var decisiveActions = strongActions.Count > 0 ? strongActions : actions;
        var anyStrong = strongActions.Count > 0;

        var childLikeness = firings.Where(f => f.Rule.Signal == Signal.A0ChildLikeness).ToList();
        if (childLikeness.Count > 0)
        {
            return new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockChildLikeness, Category.MinorSexualization,
                "A0 'make them look like a child' with A1-A3 in the same request: BLOCK", [.. decisiveActions, .. childLikeness]);
        }

        var minors = firings.Where(f => f.Rule.Signal == Signal.T4Minor).ToList();
        if (minors.Count > 0)
        {
            // The floor: a minor with any sexualizing action is never allowed; weak wording ("swimsuit") is at least reviewed.
            return anyStrong
                ? new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockMinor, Category.MinorSexualization, "A1-A3 with T4 (minor): BLOCK", [.. decisiveActions, .. minors])
                : new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewMinor, Category.MinorSexualization, "weak A1-A3 with T4 (minor): REVIEW", [.. decisiveActions, .. minors]);
        }

        var realTargets = firings.Where(f => f.Rule.Signal is Signal.T2NamedPerson or Signal.T3RelatedPerson
            || (f.Rule.Signal == Signal.T1PicturedPerson && hasSourceImage)).ToList();
        // A weak target (a surname alone) is probably, not surely, a real person: review, never block on it alone.
        var strongTargets = realTargets.Where(f => f.Rule.Strength == RuleStrength.Strong).ToList();
        if (realTargets.Count > 0 && strongTargets.Count == 0)
        {
            return new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewRealPerson, Category.NonConsensualIntimateImagery, "A1-A3 with a probable real person (weak T2): REVIEW", [.. decisiveActions, .. realTargets]);
        }

        if (realTargets.Count > 0)
        {
            realTargets = strongTargets;
            return anyStrong
                ? new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockRealPerson, Category.NonConsensualIntimateImagery, "A1-A3 with T1/T2/T3 (real person): BLOCK", [.. decisiveActions, .. realTargets])
                : new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewRealPerson, Category.NonConsensualIntimateImagery, "weak A1-A3 with T1/T2/T3 (real person): REVIEW (ambiguous)", [.. decisiveActions, .. realTargets]);
        }

        // An edit of a supplied photo that sexualizes without naming anyone ("nudify this", "show more skin") is about
        // whoever the photo shows, a real person unless a rule found a non-person subject (mannequin, statue).
        // Only actions that cannot be about an object count: "remove the towel" or "add a boxer" on a photo are not.
        var personActions = actions.Where(f => f.Rule.ImpliesPerson).ToList();
        var nonPersons = firings.Where(f => f.Rule.Signal == Signal.T0NonPerson).ToList();
        if (hasSourceImage && nonPersons.Count == 0 && personActions.Count > 0)
        {
            return personActions.Exists(f => f.Rule.Strength == RuleStrength.Strong)
                ? new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockImplicitPicturedPerson, Category.NonConsensualIntimateImagery, "A1-A3 that can only be about a person, on a supplied photo with no other subject named: the pictured person (T1): BLOCK", personActions)
                : new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewImplicitPicturedPerson, Category.NonConsensualIntimateImagery, "weak A1-A3 that can only be about a person, on a supplied photo: REVIEW", personActions);
        }

        var pronouns = firings.Where(f => f.Rule.Signal == Signal.T1PicturedPerson).ToList();
        if (pronouns.Count > 0 && options.PronounWithoutImageVerdict != Verdict.Allow)
        {
            return new PolicyDecision(options.PronounWithoutImageVerdict, PolicyRuleIds.PronounWithoutImage, Category.NonConsensualIntimateImagery,
                $"A1-A3 with a pronoun but no source image: {options.PronounWithoutImageVerdict.ToString().ToUpperInvariant()} (option)", [.. decisiveActions, .. pronouns]);
        }

        if (options.AdultContentVerdict != Verdict.Allow)
        {
            return new PolicyDecision(options.AdultContentVerdict, PolicyRuleIds.AdultContent, Category.AdultContent,
                $"A1-A3 with T0 only: {options.AdultContentVerdict.ToString().ToUpperInvariant()} (host tightened adult content)", decisiveActions);
        }

        return new PolicyDecision(Verdict.Allow, PolicyRuleIds.Allow, null, "A1-A3 with T0 only (generic adult, no real person, no minor): ALLOW under the default policy", []);
    }
}
