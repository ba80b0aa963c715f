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

        Hold(key, HeldReport.Of(message));
        return Task.CompletedTask;
    }

    public Task StartedAsync(RunStarted message, CancellationToken cancellationToken)
    {
        var key = new RunKey(message.RunId, message.Attempt);
        if (!folds(key))
        {
            return inner.StartedAsync(message, cancellationToken);
        }

        Hold(key, HeldReport.Of(Take(key)?.Report is RunAccepted accepted ? message with { AcceptedAt = accepted.At } : message));
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
        if (Take(new RunKey(message.RunId, message.Attempt)) is { } report)
        {
            if (report.Report is RunStarted started)
            {
                message = message with { Start = message.Start ?? started };
            }
            else
            {
                // Ended before its process started (a kill while it waited, a refusal): the acceptance goes first.
                await SendAsync(report);
            }
        }

        await inner.FinishedAsync(message, cancellationToken);
    }

    private void Hold(RunKey key, HeldReport entry)
    {
        // A redelivered RunTask reports the run's state again: the newer report replaces what was held.
        held.AddOrUpdate(key, entry, (_, old) =>
        {
            old.Timer?.Dispose();
            return entry;
        });
        entry.Timer = time.CreateTimer(_ => _ = SendIfStillHeldAsync(key, entry), null, window, Timeout.InfiniteTimeSpan);
    }

    private HeldReport? Take(RunKey key)
    {
        if (!held.TryRemove(key, out var entry))
        {
            return null;
        }

        entry.Timer?.Dispose();
        return entry;
    }

    private async Task SendIfStillHeldAsync(RunKey key, HeldReport entry)
    {
        if (held.TryRemove(new KeyValuePair<RunKey, HeldReport>(key, entry)))
        {
            entry.Timer?.Dispose();
            await SendAsync(entry);
        }
    }

    // A held report is not a result: losing one costs the timeline a moment of detail, never the run (RunFinished carries the start).
    private async Task SendAsync(HeldReport report)
    {
        try
        {
            await report.Send(inner);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.EventLost(log, report.Report.GetType().Name, report.RunId, report.Host, ex.Message);
        }
    }

    /// <summary>A held RunAccepted or RunStarted, and how to send it on its own.</summary>
    private sealed class HeldReport(object report, string runId, string host, Func<IRunEventSink, Task> send)
    {
        public object Report { get; } = report;

        public string RunId { get; } = runId;

        public string Host { get; } = host;

        public Func<IRunEventSink, Task> Send { get; } = send;

        public ITimer? Timer { get; set; }

        public static HeldReport Of(RunAccepted accepted) =>
            new(accepted, accepted.RunId, accepted.Host, sink => sink.AcceptedAsync(accepted, CancellationToken.None));

        public static HeldReport Of(RunStarted started) =>
            new(started, started.RunId, started.Host, sink => sink.StartedAsync(started, CancellationToken.None));
    }
}
