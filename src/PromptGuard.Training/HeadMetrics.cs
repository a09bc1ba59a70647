namespace PromptGuard.Training;

/// <summary>How one trainer did on one head and split.</summary>
/// <param name="Recall">Share of positive rows with probability at least 0.5.</param>
/// <param name="FalsePositiveRate">Share of negative rows with probability at least 0.5.</param>
/// <param name="BrierScore">Mean squared error of the probabilities: calibration and sharpness together.</param>
internal sealed record HeadMetrics(string Head, string Trainer, string Split, int Rows, double Auc, double Recall, double FalsePositiveRate, double BrierScore);
