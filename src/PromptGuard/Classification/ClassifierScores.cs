namespace PromptGuard.Classification;

/// <summary>The classifier's probabilities for one prompt; NaN for a head the model does not have.</summary>
internal readonly record struct ClassifierScores(double Action, double RealPerson, double Minor, double Flag);
