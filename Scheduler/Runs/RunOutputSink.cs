using System.Collections.Concurrent;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Keeps the output agents stream, up to a cap per run and stream: the complete output always stays in the
/// agent's files; the scheduler's copy is for viewing and must not let one chatty task fill the database.
/// </summary>
internal sealed class RunOutputSink(IOutputStore store, LiveFeed feed)
{
    public const int CapBytes = 8 * 1024 * 1024;

    private readonly ConcurrentDictionary<(string, int, string), long> stored = new();

    public async Task AppendAsync(RunOutput output, CancellationToken cancellationToken)
    {
        if (Admit(output) is { } text)
        {
            await store.AppendAsync(output.RunId, output.Attempt, output.Stream, output.Sequence, text, cancellationToken);
        }
    }

    /// <summary>The text to keep of this batch (a note once the cap is passed), or null when past the cap.</summary>
    public string? Admit(RunOutput output)
    {
        var key = (output.RunId, output.Attempt, output.Stream);
        var before = stored.GetOrAdd(key, 0);
        if (before >= CapBytes)
        {
            return null;
        }

        var after = stored.AddOrUpdate(key, output.Text.Length, (_, total) => total + output.Text.Length);
        var text = after <= CapBytes
            ? output.Text
            : $"\n[easytask: output beyond {CapBytes / 1048576} MB is not kept by the scheduler; the agent's {output.Stream} file has all of it]\n";

        // What is kept is also what live-stream clients see, as it arrives.
        feed.Output(output.RunId, output.Attempt, output.Stream, text);
        return text;
    }

    /// <summary>Forgets the byte counts of runs no longer in flight (a late batch then starts a fresh count, which is harmless).</summary>
    public void Retain(IReadOnlySet<string> inFlight)
    {
        foreach (var key in stored.Keys.Where(k => !inFlight.Contains(k.Item1)))
        {
            stored.TryRemove(key, out _);
        }
    }
}
