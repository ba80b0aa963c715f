namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Delay before retry attempt n+1: exponential from the task's <c>retry_delay</c> base (default 1 s),
/// capped at 30 s, with ±25 % jitter so a batch of failures does not retry in lock step.
/// </summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    public const double Jitter = 0.25;

    /// <param name="failedAttempt">The attempt that just failed (1 for the first).</param>
    /// <param name="baseDelay">The task's retry_delay.</param>
    /// <param name="unitRandom">A number in [0, 1) choosing where in the jitter band the delay falls.</param>
    public static TimeSpan Delay(int failedAttempt, TimeSpan baseDelay, double unitRandom)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failedAttempt - 1));
        var capped = Math.Min(exponential, Cap.TotalMilliseconds);
        var jittered = capped * (1 + (Jitter * ((2 * unitRandom) - 1)));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }
}
