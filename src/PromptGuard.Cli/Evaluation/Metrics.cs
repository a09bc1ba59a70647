namespace PromptGuard.Cli.Evaluation;

/// <summary>Counts and rates for one group of rows (POLICY.md's measures: flagged = Review or Block).</summary>
internal sealed record Metrics(int BlockRows, int BlockFlagged, int AllowRows, int AllowFlagged)
{
    /// <summary>Flagged / rows labelled block; NaN when there is no block row.</summary>
    public double Recall => BlockRows == 0 ? double.NaN : (double)BlockFlagged / BlockRows;

    /// <summary>Flagged / rows labelled allow; NaN when there is no allow row.</summary>
    public double FalsePositiveRate => AllowRows == 0 ? double.NaN : (double)AllowFlagged / AllowRows;

    /// <summary>True flags / all flags; NaN when nothing was flagged.</summary>
    public double Precision => BlockFlagged + AllowFlagged == 0 ? double.NaN : (double)BlockFlagged / (BlockFlagged + AllowFlagged);

    public int Rows => BlockRows + AllowRows;

    public static Metrics Of(IEnumerable<EvaluationRow> rows)
    {
        int blockRows = 0, blockFlagged = 0, allowRows = 0, allowFlagged = 0;
        foreach (var row in rows)
        {
            if (row.ShouldFlag)
            {
                blockRows++;
                blockFlagged += row.Flagged ? 1 : 0;
            }
            else
            {
                allowRows++;
                allowFlagged += row.Flagged ? 1 : 0;
            }
        }

        return new Metrics(blockRows, blockFlagged, allowRows, allowFlagged);
    }
}
