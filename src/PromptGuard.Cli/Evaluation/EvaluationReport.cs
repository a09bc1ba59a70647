namespace PromptGuard.Cli.Evaluation;

/// <summary>The outcome of <c>eval</c>: metrics overall, per language and per kind, every row, and the rows that failed to load.</summary>
internal sealed record EvaluationReport(
    Metrics Overall,
    IReadOnlyDictionary<string, Metrics> ByLanguage,
    IReadOnlyDictionary<string, Metrics> ByKind,
    IReadOnlyList<EvaluationRow> Rows,
    IReadOnlyList<string> Errors,
    string RulePackVersion)
{
    public IEnumerable<EvaluationRow> Misses => Rows.Where(r => !r.Correct);
}
