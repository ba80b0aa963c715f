using System.Collections.Concurrent;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Folds a run's reports into one another, for runs whose scheduler reads them so (<see cref="RunTask.FoldReports"/>).
/// RunAccepted is held for the window and, if the process starts meanwhile, goes out inside RunStarted
/// (<see cref="RunStarted.AcceptedAt"/>); RunStarted is held likewise and, if the process ends meanwhile, goes out inside
/// RunFinished (<see cref="RunFinished.Start"/>). A short run then costs the broker, and the scheduler's recorder, two
/// messages (RunTask, RunFinished) instead of four. A held report goes out on its own when the window passes, and before
/// any live output of its run, so the scheduler never hears of output before the start.
/// Nothing durable is held: the journal has the acceptance before it is reported, and RunFinished carries the start from
/// the journal (<see cref="ResultDelivery"/>), so a report held when the agent dies is not lost to the timeline.
/// </summary>
internal sealed class FoldingEventSink(IRunEventSink inner, TimeSpan window, Func<RunKey, bool> folds, TimeProvider time, ILogger log) : IRunEventSink
{
    private readonly ConcurrentDictionary<RunKey, HeldReport> held = new();

    public Task AcceptedAsync(RunAccepted message, CancellationToken cancellationToken)
    {
        var key = new RunKey(message.RunId, message.Attempt);
        if (!folds(key))
        {
            return inner.AcceptedAsync(message, cancellationToken);
        }

        Hold(key, message);
        return Task.CompletedTask;
    }

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken)
    {
        var key = new RunKey(message.RunId, message.Attempt);
        if (!folds(key))
        {
            return inner.StartedAsync(message, cancellationToken);
        }

        Hold(key, Take(key) is RunAccepted accepted ? message with { AcceptedAt = accepted.At } : message);
        return Task.CompletedTask;
    }

    public async Task OutputAsync(RunOutput message, CancellationToken cancellationToken)
    {
        if (Take(new RunKey(message.RunId, message.Attempt)) is { } report)
        {
            await SendAsync(report);
        }

        await inner.OutputAsync(message, cancellationToken);
    }

    public async Task FinishedAsync(RunFinished message, CancellationToken cancellationToken)
    {
        switch (Take(new RunKey(message.RunId, message.Attempt)))
        {
            case RunStarted started:
                message = message with { Start = message.Start ?? started };
                break;
            case RunAccepted accepted:
                // Ended before its process started (a kill while it waited, a refusal): the acceptance goes first.
                await SendAsync(accepted);
                break;
        }

        await inner.FinishedAsync(message, cancellationToken);
    }

    private void Hold(RunKey key, object report)
    {
        var entry = new HeldReport(report);

        // A redelivered RunTask reports the run's state again: the newer report replaces what was held.
        held.AddOrUpdate(key, entry, (_, old) =>
        {
            old.Timer?.Dispose();
            return entry;
        });
        entry.Timer = time.CreateTimer(_ => _ = SendIfStillHeldAsync(key, entry), null, window, Timeout.InfiniteTimeSpan);
    }

    private object? Take(RunKey key)
    {
        if (!held.TryRemove(key, out var entry))
        {
            return null;
        }

        entry.Timer?.Dispose();
        return entry.Report;
    }

    private async Task SendIfStillHeldAsync(RunKey key, HeldReport entry)
    {
        if (held.TryRemove(new KeyValuePair<RunKey, HeldReport>(key, entry)))
        {
            entry.Timer?.Dispose();
            await SendAsync(entry.Report);
        }
    }

    // A held report is not a result: losing one costs the timeline a moment of detail, never the run (RunFinished carries the start).
    private async Task SendAsync(object report)
    {
        try
        {
            await (report switch
            {
                RunAccepted accepted => inner.AcceptedAsync(accepted, CancellationToken.None),
                RunStarted started => inner.StartedAsync(started, CancellationToken.None),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (kind, runId, host) = report switch
            {
                RunAccepted a => (nameof(RunAccepted), a.RunId, a.Host),
                RunStarted s => (nameof(RunStarted), s.RunId, s.Host),
                _ => (report.GetType().Name, "", ""),
            };
            AgentLog.EventLost(log, kind, runId, host, ex.Message);
        }
    }

    private sealed class HeldReport(object report)
    {
        public object Report { get; } = report;

        public ITimer? Timer { get; set; }
    }
}
