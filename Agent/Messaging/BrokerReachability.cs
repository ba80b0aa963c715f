namespace EasyTask.Agent.Messaging;

/// <summary>
/// Whether the agent's sends reach the broker, as its heartbeats find out every few seconds: since when they have
/// gone through without a failure, or null while the last one failed (or none was tried yet).
/// </summary>
internal sealed class BrokerReachability
{
    private readonly Lock gate = new();
    private DateTimeOffset? upSince;

    /// <summary>Since when every send went through; null while the broker is unreachable.</summary>
    public DateTimeOffset? UpSince
    {
        get
        {
            lock (gate)
            {
                return upSince;
            }
        }
    }

    /// <summary>A send went through at <paramref name="at"/>.</summary>
    public void Reached(DateTimeOffset at)
    {
        lock (gate)
        {
            upSince ??= at;
        }
    }

    /// <summary>A send failed: the broker is unreachable until the next one goes through.</summary>
    public void Failed()
    {
        lock (gate)
        {
            upSince = null;
        }
    }
}
