using System.Text.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Monitoring;

namespace EasyTask.Scheduler.Cli;

/// <summary>The CLI's <c>--follow</c>: reads the live stream and prints status moves or output as they happen.</summary>
internal static class LiveFollow
{
    private static readonly HashSet<string> Final = new(StringComparer.Ordinal) { "SUCCESS", "FAILED", "TERMINATED" };

    /// <summary>Prints one line per status move until cancelled (Ctrl+C).</summary>
    public static async Task RunsAsync(SchedulerClient client, string? task, string? status, TextWriter output, CancellationToken ct)
    {
        var query = new List<string>();
        if (task is not null)
        {
            query.Add($"task={Uri.EscapeDataString(task)}");
        }

        if (status is not null)
        {
            query.Add($"status={Uri.EscapeDataString(status)}");
        }

        await output.WriteLineAsync("Following runs (Ctrl+C to stop)...");
        await foreach (var (name, data) in client.StreamAsync(query.Count == 0 ? "" : "?" + string.Join('&', query), ct))
        {
            if (name is "run" && JsonSerializer.Deserialize<RunResource>(data, ApiJson.Options) is { Events: [var e, ..] } run)
            {
                var move = e.From is null ? e.To : $"{e.From} -> {e.To}";
                await output.WriteLineAsync($"{CliFormat.Time(e.At)}  {run.RunId}  {run.Task,-24} {move,-22} {e.Detail}");
            }
        }
    }

    /// <summary>Prints the run's new output of the given stream until the run is final.</summary>
    public static async Task LogsAsync(SchedulerClient client, string runId, string stream, TextWriter output, CancellationToken ct)
    {
        await foreach (var (name, data) in client.StreamAsync($"?run={Uri.EscapeDataString(runId)}", ct))
        {
            if (name == "output" && JsonSerializer.Deserialize<LiveOutputResource>(data, ApiJson.Options) is { } line && line.Stream == stream)
            {
                await output.WriteAsync(line.Text);
                await output.FlushAsync(ct);
            }
            else if (name == "run" && JsonSerializer.Deserialize<RunResource>(data, ApiJson.Options) is { Events: [{ To: var to }, ..] } && Final.Contains(to))
            {
                return;
            }
        }
    }

    public static bool IsFinal(string status) => Final.Contains(status);
}
