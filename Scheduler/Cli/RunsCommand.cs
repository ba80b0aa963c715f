using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask runs</c>: recent runs, newest first, filtered by task, status and age; <c>--watch</c> keeps it current.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task") { Description = "Only runs of this task" };
        var status = new Option<string?>("--status") { Description = "Only runs in these statuses, comma-separated (e.g. FAILED,TERMINATED)" };
        var since = new Option<string?>("--since") { Description = "Only runs scheduled within this window: 30m, 6h, 24h, 3d, 7d", DefaultValueFactory = _ => "24h" };
        var limit = new Option<int>("--limit") { Description = "At most this many runs (1-10000)", DefaultValueFactory = _ => 100 };
        var watch = new Option<bool>("--watch", "-w") { Description = "Keep polling and print the table again whenever it changes, until Ctrl+C" };
        var interval = new Option<int>("--interval") { Description = "With --watch: seconds between polls (1-3600)", DefaultValueFactory = _ => 2 };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("runs", "List runs, newest first: status, reason, return code, host, times") { task, status, since, limit, watch, interval, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null));
            async Task<string> RenderAsync()
            {
                var runs = await client.ListRunsAsync(parse.GetValue(task), parse.GetValue(status), parse.GetValue(since), parse.GetValue(limit), ct);
                return parse.GetValue(json) ? JsonSerializer.Serialize(runs, ApiJson.Options) + Environment.NewLine : await TableAsync(runs, parse.GetValue(since), cli);
            }

            if (!parse.GetValue(watch))
            {
                await cli.Output.WriteAsync(await RenderAsync());
                return ExitCodes.Ok;
            }

            var seconds = parse.GetValue(interval);
            if (seconds is < 1 or > 3600)
            {
                throw new CliException($"--interval: must be a whole number of seconds from 1 to 3600, got {seconds}", ExitCodes.InvalidInput);
            }

            await WatchAsync(RenderAsync, TimeSpan.FromSeconds(seconds), cli, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Polls until cancelled, printing the view under a time stamp each time it differs from the last one printed.</summary>
    private static async Task WatchAsync(Func<Task<string>> render, TimeSpan interval, CliContext cli, CancellationToken ct)
    {
        string? shown = null;
        while (!ct.IsCancellationRequested)
        {
            var view = await render();
            if (view != shown)
            {
                await cli.Output.WriteLineAsync($"--- {cli.Time(TimeProvider.System.GetUtcNow())} (watching every {interval.TotalSeconds:0} s; Ctrl+C to stop)");
                await cli.Output.WriteAsync(view);
                await cli.Output.FlushAsync(ct);
                shown = view;
            }

            await Task.Delay(interval, ct);
        }
    }

    private static async Task<string> TableAsync(List<RunResource> runs, string? since, CliContext cli)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        if (runs.Count == 0)
        {
            await text.WriteLineAsync($"No runs scheduled in the last {since} match.");
            return text.ToString();
        }

        var rows = runs.Select(r => new[]
        {
            r.RunId, r.Task, r.Status, r.Reason ?? "-", r.ReturnCode?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Host,
            cli.Time(r.ScheduledFor), cli.Time(r.StartedAt), CliFormat.Duration(r.DurationMs),
        }).ToList();
        await TextTable.WriteAsync(text, ["RUN ID", "TASK", "STATUS", "REASON", "RC", "HOST", "SCHEDULED", "STARTED", "DURATION"], rows);
        return text.ToString();
    }
}
