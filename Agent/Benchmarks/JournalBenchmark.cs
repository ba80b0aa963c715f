using System.Diagnostics;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace EasyTask.Agent.Benchmarks;

/// <summary>
/// The journal alone: run lifecycles as the agent writes them (accepted durably, running, finished durably,
/// delivered) from several writers at once, as concurrent runs do. No processes, so the disk is what is measured.
/// </summary>
internal static class JournalBenchmark
{
    /// <summary>Lifecycles per second, fsyncs per lifecycle, then the restart: time to read it all back, and the bytes it occupies on disk.</summary>
    public static async Task<(double Rate, double FlushesPerRun, TimeSpan Replay, long DiskBytes)> RunAsync(string directory, int count, int writers)
    {
        var (rate, flushes) = await WriteAsync(directory, count, writers);
        var clock = Stopwatch.StartNew();
        using (var reopened = new RunJournal(directory, NullLogger<RunJournal>.Instance))
        {
            reopened.Open();
            if (reopened.DeliveredAttempts().Count != count)
            {
                throw new InvalidOperationException("the journal lost runs");
            }
        }

        var replay = clock.Elapsed;
        var bytes = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
        return (rate, flushes, replay, bytes);
    }

    private static async Task<(double Rate, double FlushesPerRun)> WriteAsync(string directory, int count, int writers)
    {
        using var journal = new RunJournal(directory, NullLogger<RunJournal>.Instance);
        journal.Open();
        var before = journal.Flushes;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (i, _) =>
        {
            var at = DateTimeOffset.UnixEpoch.AddSeconds(i);
            var accepted = new JournalEntry
            {
                Task = new RunTask { RunId = $"journal-{i}", Attempt = 1, Task = "bench", Host = "bench", Cmd = "true" },
                State = JournalState.Accepted, AcceptedAt = at, UpdatedAt = at,
            };
            await journal.WriteAsync(accepted, durable: true);
            var running = accepted with { State = JournalState.Running, Started = new RunStarted { RunId = $"journal-{i}", Attempt = 1, Host = "bench", ProcessId = 1, At = at } };
            await journal.WriteAsync(running, durable: false);
            var finished = running with
            {
                State = JournalState.Finished,
                Result = new RunFinished { RunId = $"journal-{i}", Attempt = 1, Host = "bench", Status = "SUCCESS", Reason = "exit_code", ReturnCode = 0, FinishedAt = at },
            };
            await journal.WriteAsync(finished, durable: true);
            await journal.WriteAsync(finished with { Delivered = true }, durable: false);
        });
        return (count / clock.Elapsed.TotalSeconds, (journal.Flushes - before) / (double)count);
    }
}
