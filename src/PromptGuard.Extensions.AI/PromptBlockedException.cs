namespace PromptGuard.Extensions.AI;

/// <summary>Thrown by the PromptGuard middleware when a request is flagged and the middleware is set to throw.</summary>
/// <remarks>The message never contains the prompt; <see cref="Result"/> carries the reasons (and, in them, the matched text).</remarks>
public sealed class PromptBlockedException : Exception
{
    /// <summary>Creates the exception for a screening result.</summary>
    public PromptBlockedException(ScreeningResult result)
        : base($"PromptGuard flagged the request: {result?.Verdict} ({result?.PolicyRuleId}).")
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
    }

    /// <summary>Creates the exception without a result.</summary>
    public PromptBlockedException()
        : this("PromptGuard flagged the request.")
    {
    }

    /// <summary>Creates the exception without a result.</summary>
    public PromptBlockedException(string message)
        : base(message)
    {
        Result = new ScreeningResult(Verdict.Block, "POLICY-UNKNOWN", null, null, NormalizationSteps.None, string.Empty, 1.0);
    }

    /// <summary>Creates the exception without a result.</summary>
    public PromptBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Result = new ScreeningResult(Verdict.Block, "POLICY-UNKNOWN", null, null, NormalizationSteps.None, string.Empty, 1.0);
    }

    /// <summary>The verdict and every reason behind it.</summary>
    public ScreeningResult Result { get; }
}
