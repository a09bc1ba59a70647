namespace PromptGuard.Cli.Evaluation;

/// <summary>One labelled row and the verdict the screener gave it.</summary>
internal sealed record EvaluationRow(string Id, string Language, string Kind, string Label, string Prompt, bool HasImage, Verdict Verdict, IReadOnlyList<string> Rules)
{
    public bool ShouldFlag => Label == "block";

    public bool Flagged => Verdict != Verdict.Allow;

    public bool Correct => ShouldFlag == Flagged;
}
