namespace PromptGuard.Cli;

/// <summary>The CLI's exit codes; scripts and CI rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Allowed (check), or the command did its work.</summary>
    public const int Ok = 0;

    /// <summary>Flagged: Review or Block (check), or failing examples/evaluation gates.</summary>
    public const int Flagged = 1;

    /// <summary>Usage or configuration error (bad arguments, a broken rule file, unreadable input).</summary>
    public const int UsageError = 2;
}
