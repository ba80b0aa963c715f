using System.Globalization;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api.Stream;

/// <summary>
/// <c>GET /api/v1/stream</c>: Server-Sent Events of run status changes (<c>event: run</c>, id = the run event's id)
/// and output (<c>event: output</c>), optionally filtered by <c>run=</c>, <c>task=</c> and <c>status=</c>
/// (comma-separated). A client reconnecting with <c>Last-Event-ID</c> first gets the transitions it missed.
/// </summary>
internal static class StreamEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapRunStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/stream", StreamAsync);
        return endpoints;
    }

    private static async Task StreamAsync(HttpContext context, RunStream live, RunEventFeed feed, IHostApplicationLifetime lifetime)
    {
        var query = context.Request.Query;
        if (!RunFilterParameters.TryStatuses(query, out var wanted, out var problem))
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        var statuses = wanted.Select(s => s.ToText()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var filter = new StreamFilter(Text(query["run"]), Text(query["task"]), statuses);
        var resumeText = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : query["last_event_id"].ToString();
        long? resumeFrom = long.TryParse(resumeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // A stream never ends by itself: stopping the service must end it, or shutdown waits for the browsers.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var (reader, unsubscribe) = live.Subscribe();
        try
        {
            var writer = new SseWriter(context.Response);
            await writer.CommentAsync("connected", retryMs: 2000, ct);
            var replayedUpTo = 0L;
            if (resumeFrom is { } after)
            {
                // Subscribed first, replayed second: a transition made meanwhile arrives twice and is skipped by id.
                for (var batch = await feed.AfterAsync(after, 1000, ct); batch.Count > 0; batch = await feed.AfterAsync(replayedUpTo, 1000, ct))
                {
                    foreach (var (change, run) in batch)
                    {
                        replayedUpTo = change.Id;
                        var e = RunStream.ToEvent(change, run);
                        if (filter.Matches(e))
                        {
                            await writer.EventAsync(e, ct);
                        }
                    }
                }
            }

            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAlive);
                try
                {
                    await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await writer.CommentAsync("keep-alive", null, ct);
                    continue;
                }

                while (reader.TryRead(out var e))
                {
                    if ((e.Id is null || e.Id > replayedUpTo) && filter.Matches(e))
                    {
                        await writer.EventAsync(e, ct);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            unsubscribe();
        }
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
