namespace EasyTask.Agent.Messaging;

/// <summary>
/// At most one log line per interval for refused messages, counting the rest: someone flooding the queue with
/// forged messages must not flood the log as well.
/// </summary>
public sealed class RefusalThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly Lock gate = new();
    private DateTimeOffset next = DateTimeOffset.MinValue;
    private long suppressed;

    /// <summary>One line every 10 s.</summary>
    public RefusalThrottle(TimeProvider time)
        : this(time, TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>True when a line may be written now; <paramref name="skipped"/> is how many were held back since the last.</summary>
    public bool Allow(out long skipped)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now < next)
            {
                suppressed++;
                skipped = 0;
                return false;
            }

            next = now + interval;
            skipped = suppressed;
            suppressed = 0;
            return true;
        }
    }
}
