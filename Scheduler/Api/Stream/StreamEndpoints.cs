using System.Globalization;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>
/// <c>GET /api/v1/stream</c>: Server-Sent Events of run status moves (<c>event: run</c>, a run resource), typed
/// timeline events (<c>event: timeline</c>) and output (<c>event: output</c>), optionally filtered by <c>run=</c>,
/// <c>task=</c> and <c>status=</c> (comma-separated). <c>run</c> and <c>timeline</c> carry <c>id:</c>, the run
/// event's id: a client reconnecting with <c>Last-Event-ID</c> (or <c>?last_event_id=</c>) first gets what it missed.
/// A comment every 15 s keeps proxies from closing an idle stream.
/// </summary>
internal static class StreamEndpoints
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private const int ReplayBatch = 500;

    public static IEndpointRouteBuilder MapLiveStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/stream", StreamAsync).WithTags("Monitoring")
            .WithSummary("Live stream (Server-Sent Events) of run status changes, timeline events and output");
        return endpoints;
    }

    private static async Task StreamAsync(HttpContext context, LiveFeed live, RunEventFeed feed, IRunStore runs, IHostApplicationLifetime lifetime)
    {
        if (StreamFilter.From(context.Request.Query, out var problem) is not { } filter)
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        var resumeFrom = LastEventId(context.Request);
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // A stream never ends by itself: stopping the service must end it, or shutdown waits for the browsers.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var (id, reader) = live.Subscribe();
        try
        {
            var writer = new SseWriter(context.Response);
            await writer.CommentAsync("connected", retryMs: 2000, ct);

            // Subscribed first, then read the position (or replay from Last-Event-ID): whatever is committed
            // meanwhile arrives by both ways and is skipped by id the second time.
            var last = resumeFrom is { } after ? await ReplayAsync(writer, filter, feed, after, ct) : await feed.LastIdAsync(ct);
            live.Join(last);
            var tasks = new Dictionary<string, string>(StringComparer.Ordinal);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await writer.CommentAsync("heartbeat", null, ct);
                    continue;
                }

                while (reader.TryRead(out var e))
                {
                    if (e.Id is { } eventId)
                    {
                        if (eventId <= last)
                        {
                            continue;
                        }

                        last = eventId;
                    }

                    if (filter.Matches(e, await TaskOfAsync(e, filter, tasks, runs, ct)))
                    {
                        await writer.EventAsync(e, ct);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or the service is stopping.
        }
        finally
        {
            live.Unsubscribe(id);
        }
    }

    private static async Task<long> ReplayAsync(SseWriter writer, StreamFilter filter, RunEventFeed feed, long after, CancellationToken ct)
    {
        var last = after;
        IReadOnlyList<RunFeedEntry> batch;
        do
        {
            batch = await feed.AfterAsync(last, ReplayBatch, ct);
            foreach (var entry in batch)
            {
                last = entry.Event.Id;
                var e = LiveFeed.ToEvent(entry);
                if (filter.Matches(e, e.Task))
                {
                    await writer.EventAsync(e, ct);
                }
            }
        }
        while (batch.Count == ReplayBatch);

        return last;
    }

    /// <summary>The event's task; output of a run the feed has not seen move yet is looked up once per client, only when filtering by task.</summary>
    private static async Task<string> TaskOfAsync(LiveEvent e, StreamFilter filter, Dictionary<string, string> tasks, IRunStore runs, CancellationToken ct)
    {
        if (e.Task.Length > 0 || filter.Task is null)
        {
            return e.Task;
        }

        if (!tasks.TryGetValue(e.RunId, out var task))
        {
            task = (await runs.FindAsync(e.RunId, ct))?.TaskName ?? "";
            tasks[e.RunId] = task;
        }

        return task;
    }

    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : request.Query["last_event_id"].ToString();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
