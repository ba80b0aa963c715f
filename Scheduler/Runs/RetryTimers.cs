using System.Collections.Concurrent;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// When each run waiting to retry may go again. In memory: after a scheduler restart a waiting retry
/// goes at once, which errs on the side of running rather than forgetting.
/// </summary>
internal sealed class RetryTimers(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> notBefore = new(StringComparer.Ordinal);

    public void Set(string runId, DateTimeOffset at) => notBefore[runId] = at;

    /// <summary>The instant the run may retry, when that is still in the future.</summary>
    public DateTimeOffset? Pending(string runId) =>
        notBefore.TryGetValue(runId, out var at) && at > time.GetUtcNow() ? at : null;

    public void Clear(string runId) => notBefore.TryRemove(runId, out _);
}
