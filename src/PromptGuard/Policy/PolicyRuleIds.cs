namespace PromptGuard.Policy;

/// <summary>The lines of POLICY.md's default decision, as reported in <see cref="ScreeningResult.PolicyRuleId"/>.</summary>
internal static class PolicyRuleIds
{
    public const string Allow = "POLICY-ALLOW";
    public const string BlockRealPerson = "POLICY-BLOCK-REAL-PERSON";
    public const string ReviewRealPerson = "POLICY-REVIEW-REAL-PERSON";
    public const string BlockMinor = "POLICY-BLOCK-MINOR";
    public const string ReviewMinor = "POLICY-REVIEW-MINOR";
    public const string BlockChildLikeness = "POLICY-BLOCK-CHILD-LIKENESS";
    public const string BlockImplicitPicturedPerson = "POLICY-BLOCK-IMPLICIT-PICTURED-PERSON";
    public const string ReviewImplicitPicturedPerson = "POLICY-REVIEW-IMPLICIT-PICTURED-PERSON";
    public const string PronounWithoutImage = "POLICY-PRONOUN-WITHOUT-IMAGE";
    public const string AdultContent = "POLICY-ADULT-CONTENT";
    public const string Fault = "POLICY-FAULT";
    public const string ClassifierReview = "POLICY-REVIEW-CLASSIFIER";
    public const string ClassifierOnly = "POLICY-CLASSIFIER-ONLY";
}
