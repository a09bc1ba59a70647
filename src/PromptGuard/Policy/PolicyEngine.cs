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
        var realTargets = firings.Where(f => IsRealTarget(f.Rule, hasSourceImage)).ToList();
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
        // One pass over the firings says which branch decides; only the deciding branch builds its list of evidence.
        var found = Found.None;
        for (var i = 0; i < firings.Count; i++)
        {
            found |= Classify(firings[i].Rule, hasSourceImage);
        }

        if ((found & Found.Action) == 0)
        {
            return s_noAction;
        }

        var anyStrong = (found & Found.StrongAction) != 0;
        var decisiveActions = anyStrong ? Where(firings, static f => f.Rule.IsAction && f.Rule.Strength == RuleStrength.Strong) : Where(firings, static f => f.Rule.IsAction);

        if ((found & Found.ChildLikeness) != 0)
        {
            return new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockChildLikeness, Category.MinorSexualization,
                "A0 'make them look like a child' with A1-A3 in the same request: BLOCK", [.. decisiveActions, .. Where(firings, static f => f.Rule.Signal == Signal.A0ChildLikeness)]);
        }

        if ((found & Found.Minor) != 0)
        {
            // The floor: a minor with any sexualizing action is never allowed; weak wording ("swimsuit") is at least reviewed.
            List<RuleFiring> minors = Where(firings, static f => f.Rule.Signal == Signal.T4Minor);
            return anyStrong
                ? new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockMinor, Category.MinorSexualization, "A1-A3 with T4 (minor): BLOCK", [.. decisiveActions, .. minors])
                : new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewMinor, Category.MinorSexualization, "weak A1-A3 with T4 (minor): REVIEW", [.. decisiveActions, .. minors]);
        }

        if ((found & Found.RealTarget) != 0)
        {
            // A weak target (a surname alone) is probably, not surely, a real person: review, never block on it alone.
            if ((found & Found.StrongRealTarget) == 0)
            {
                return new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewRealPerson, Category.NonConsensualIntimateImagery, "A1-A3 with a probable real person (weak T2): REVIEW",
                    [.. decisiveActions, .. Where(firings, f => IsRealTarget(f.Rule, hasSourceImage))]);
            }

            List<RuleFiring> realTargets = Where(firings, f => IsRealTarget(f.Rule, hasSourceImage) && f.Rule.Strength == RuleStrength.Strong);
            return anyStrong
                ? new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockRealPerson, Category.NonConsensualIntimateImagery, "A1-A3 with T1/T2/T3 (real person): BLOCK", [.. decisiveActions, .. realTargets])
                : new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewRealPerson, Category.NonConsensualIntimateImagery, "weak A1-A3 with T1/T2/T3 (real person): REVIEW (ambiguous)", [.. decisiveActions, .. realTargets]);
        }

        // An edit of a supplied photo that sexualizes without naming anyone ("nudify this", "show more skin") is about
        // whoever the photo shows, a real person unless a rule found a non-person subject (mannequin, statue).
        // Only actions that cannot be about an object count: "remove the towel" or "add a boxer" on a photo are not.
        if (hasSourceImage && (found & Found.NonPerson) == 0 && (found & Found.PersonAction) != 0)
        {
            var personActions = Where(firings, static f => f.Rule.IsAction && f.Rule.ImpliesPerson);
            return (found & Found.StrongPersonAction) != 0
                ? new PolicyDecision(Verdict.Block, PolicyRuleIds.BlockImplicitPicturedPerson, Category.NonConsensualIntimateImagery, "A1-A3 that can only be about a person, on a supplied photo with no other subject named: the pictured person (T1): BLOCK", personActions)
                : new PolicyDecision(Verdict.Review, PolicyRuleIds.ReviewImplicitPicturedPerson, Category.NonConsensualIntimateImagery, "weak A1-A3 that can only be about a person, on a supplied photo: REVIEW", personActions);
        }

        if ((found & Found.Pronoun) != 0 && options.PronounWithoutImageVerdict != Verdict.Allow)
        {
            return new PolicyDecision(options.PronounWithoutImageVerdict, PolicyRuleIds.PronounWithoutImage, Category.NonConsensualIntimateImagery,
                $"A1-A3 with a pronoun but no source image: {options.PronounWithoutImageVerdict.ToString().ToUpperInvariant()} (option)",
                [.. decisiveActions, .. Where(firings, static f => f.Rule.Signal == Signal.T1PicturedPerson)]);
        }

        if (options.AdultContentVerdict != Verdict.Allow)
        {
            return new PolicyDecision(options.AdultContentVerdict, PolicyRuleIds.AdultContent, Category.AdultContent,
                $"A1-A3 with T0 only: {options.AdultContentVerdict.ToString().ToUpperInvariant()} (host tightened adult content)", decisiveActions);
        }

        return s_adultOnlyAllowed;
    }

    private static readonly PolicyDecision s_adultOnlyAllowed = new(Verdict.Allow, PolicyRuleIds.Allow, null, "A1-A3 with T0 only (generic adult, no real person, no minor): ALLOW under the default policy", []);

    /// <summary>What kinds of firing a request holds.</summary>
    [Flags]
    private enum Found
    {
        None = 0,
        Action = 1,
        StrongAction = 2,
        ChildLikeness = 4,
        Minor = 8,
        RealTarget = 16,
        StrongRealTarget = 32,
        PersonAction = 64,
        StrongPersonAction = 128,
        NonPerson = 256,
        Pronoun = 512,
    }

    private static Found Classify(CompiledRule rule, bool hasSourceImage)
    {
        var found = Found.None;
        var strong = rule.Strength == RuleStrength.Strong;
        if (rule.IsAction)
        {
            found |= Found.Action | (strong ? Found.StrongAction : 0);
            if (rule.ImpliesPerson)
            {
                found |= Found.PersonAction | (strong ? Found.StrongPersonAction : 0);
            }
        }

        if (IsRealTarget(rule, hasSourceImage))
        {
            found |= Found.RealTarget | (strong ? Found.StrongRealTarget : 0);
        }

        return found | rule.Signal switch
        {
            Signal.A0ChildLikeness => Found.ChildLikeness,
            Signal.T4Minor => Found.Minor,
            Signal.T0NonPerson => Found.NonPerson,
            Signal.T1PicturedPerson => Found.Pronoun,
            _ => Found.None,
        };
    }

    private static bool IsRealTarget(CompiledRule rule, bool hasSourceImage) =>
        rule.Signal is Signal.T2NamedPerson or Signal.T3RelatedPerson || (rule.Signal == Signal.T1PicturedPerson && hasSourceImage);

    private static List<RuleFiring> Where(IReadOnlyList<RuleFiring> firings, Func<RuleFiring, bool> keep)
    {
        var kept = new List<RuleFiring>();
        for (var i = 0; i < firings.Count; i++)
        {
            if (keep(firings[i]))
            {
                kept.Add(firings[i]);
            }
        }

        return kept;
    }
}
