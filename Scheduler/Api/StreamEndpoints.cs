using System.Globalization;
using System.Text.Json;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>GET /api/v1/stream</c>: Server-Sent Events. <c>event: status</c> for each status move, <c>event: timeline</c>
/// for typed events (both with <c>id:</c> = the event id, so <c>Last-Event-ID</c> resumes), <c>event: output</c>
/// for output batches; filters <c>run=</c>, <c>task=</c>, <c>status=</c> (comma-separated); a heartbeat comment
/// every 15 s keeps proxies from closing an idle stream.
/// </summary>
internal static class StreamEndpoints
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private const int ReplayBatch = 500;

    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/monitoring/stream", StreamAsync).WithTags("Monitoring");
        return endpoints;
    }

    private static async Task StreamAsync(HttpContext context, LiveFeed live, OutputFeed output, IMonitoringStore store, IRunStore runs, CancellationToken ct)
    {
        var filter = StreamFilter.From(context.Request);
        if (filter.Problem is { } problem)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var (eventsId, events) = live.Clients.Subscribe();
        var (outputId, lines) = output.Clients.Subscribe();
        try
        {
            await response.WriteAsync(": easytask live stream\n\n", ct);
            await response.Body.FlushAsync(ct);
            var last = await ReplayAsync(response, filter, LastEventId(context.Request), store, ct);
            live.Rewind(last);
            var tasks = new Dictionary<string, string>(StringComparer.Ordinal);
            var nextEvent = events.WaitToReadAsync(ct).AsTask();
            var nextLine = lines.WaitToReadAsync(ct).AsTask();
            while (!ct.IsCancellationRequested)
            {
                var done = await Task.WhenAny(nextEvent, nextLine, Task.Delay(Heartbeat, ct));
                if (done == nextEvent)
                {
                    while (events.TryRead(out var item))
                    {
                        if (item.Event.Id > last)
                        {
                            last = item.Event.Id;
                            await WriteEventAsync(response, filter, item, ct);
                        }
                    }

                    nextEvent = events.WaitToReadAsync(ct).AsTask();
                }
                else if (done == nextLine)
                {
                    while (lines.TryRead(out var line))
                    {
                        await WriteOutputAsync(response, filter, line, tasks, runs, ct);
                    }

                    nextLine = lines.WaitToReadAsync(ct).AsTask();
                }
                else
                {
                    await response.WriteAsync(": heartbeat\n\n", ct);
                }

                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            live.Clients.Unsubscribe(eventsId);
            output.Clients.Unsubscribe(outputId);
        }
    }

    private static async Task<long> ReplayAsync(HttpResponse response, StreamFilter filter, long? after, IMonitoringStore store, CancellationToken ct)
    {
        if (after is not { } from)
        {
            return await store.LastEventIdAsync(ct);
        }

        var last = from;
        while (true)
        {
            var batch = await store.EventsAfterAsync(last, ReplayBatch, ct);
            foreach (var item in batch)
            {
                last = item.Event.Id;
                await WriteEventAsync(response, filter, item, ct);
            }

            if (batch.Count < ReplayBatch)
            {
                return last;
            }
        }
    }

    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0)
        {
            text = request.Query["last_event_id"].ToString();
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static async Task WriteEventAsync(HttpResponse response, StreamFilter filter, StreamEvent item, CancellationToken ct)
    {
        if (!filter.Matches(item.Event.RunId, item.TaskName, item.Event.To ?? item.Status))
        {
            return;
        }

        var e = item.Event;
        var kind = e.To is null ? "timeline" : "status";
        var body = new StreamEventResource(e.Id, e.At, e.Type, e.Severity, e.RunId, item.TaskName, item.Host, e.Attempt, e.From, e.To, e.Detail);
        await response.WriteAsync($"id: {e.Id}\nevent: {kind}\ndata: {JsonSerializer.Serialize(body, Compact)}\n\n", ct);
    }

    private static async Task WriteOutputAsync(HttpResponse response, StreamFilter filter, OutputLine line, Dictionary<string, string> tasks, IRunStore runs, CancellationToken ct)
    {
        if (filter.Run is { } run && run != line.RunId)
        {
            return;
        }

        if (filter.Task is not null)
        {
            if (!tasks.TryGetValue(line.RunId, out var task))
            {
                task = (await runs.FindAsync(line.RunId, ct))?.TaskName ?? "";
                tasks[line.RunId] = task;
            }

            if (task != filter.Task)
            {
                return;
            }
        }

        if (filter.Statuses.Count > 0 && filter.Run is null && filter.Task is null)
        {
            return;
        }

        var body = new StreamOutputResource(line.RunId, line.Attempt, line.Stream, line.Text);
        await response.WriteAsync($"event: output\ndata: {JsonSerializer.Serialize(body, Compact)}\n\n", ct);
    }

    private static readonly JsonSerializerOptions Compact = new(ApiJson.Options) { WriteIndented = false };
}

/// <summary>A status move or typed event on the live stream.</summary>
internal sealed record StreamEventResource(long Id, DateTimeOffset At, string Type, string Severity, string RunId, string Task, string Host, int Attempt, string? From, string? To, string? Detail);

/// <summary>An output batch on the live stream.</summary>
internal sealed record StreamOutputResource(string RunId, int Attempt, string Stream, string Text);

/// <summary>The stream's filters; statuses compare with a move's new status.</summary>
internal sealed record StreamFilter(string? Run, string? Task, IReadOnlySet<string> Statuses, IResult? Problem)
{
    public static StreamFilter From(HttpRequest request)
    {
        if (!RunFilterParameters.TryStatuses(request.Query, out var wanted, out var problem))
        {
            return new StreamFilter(null, null, new HashSet<string>(StringComparer.Ordinal), problem);
        }

        var statuses = wanted.Select(s => s.ToText()).ToHashSet(StringComparer.Ordinal);
        var run = request.Query["run"].ToString();
        var task = request.Query["task"].ToString();
        return new StreamFilter(run.Length > 0 ? run : null, task.Length > 0 ? task : null, statuses, null);
    }

    public bool Matches(string runId, string task, string status) =>
        (Run is null || Run == runId) && (Task is null || Task == task) && (Statuses.Count == 0 || Statuses.Contains(status));
}
