namespace PromptGuard;

/// <summary>What a screening does when one of its detectors fails (a regex times out, a model cannot score).</summary>
public enum FailureMode
{
    /// <summary>Block the request and report the fault as a reason. The default: a guard that fails must not let requests through.</summary>
    FailClosed = 0,

    /// <summary>Decide on the evidence that was gathered and report the fault as a reason. Only by explicit choice.</summary>
    FailOpen = 1,
}
