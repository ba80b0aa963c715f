using EasyTask.Contracts.Messages;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// Unfolds the reports an agent sent inside later ones (<see cref="RunTask.FoldReports"/>) into the reports they stand for,
/// in lifecycle order, so everything after the consumer sees the same events as when each was sent on its own. A folded
/// report about another run, attempt or agent than the report carrying it is dropped: it cannot be vouched for.
/// </summary>
internal static class FoldedReports
{
    public static IEnumerable<object> Unfold(RunStarted started)
    {
        if (started.AcceptedAt is { } acceptedAt)
        {
            yield return new RunAccepted { RunId = started.RunId, Attempt = started.Attempt, Host = started.Host, At = acceptedAt };
        }

        yield return started with { AcceptedAt = null };
    }

    public static IEnumerable<object> Unfold(RunFinished finished)
    {
        if (finished.Start is { } start && start.RunId == finished.RunId && start.Attempt == finished.Attempt && start.Host == finished.Host)
        {
            foreach (var report in Unfold(start))
            {
                yield return report;
            }
        }

        yield return finished with { Start = null };
    }
}
