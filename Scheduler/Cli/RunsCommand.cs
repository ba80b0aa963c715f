using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask runs</c>: recent runs, newest first, filtered by task, status and age.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task") { Description = "Only runs of this task" };
        var status = new Option<string?>("--status") { Description = "Only runs in these statuses, comma-separated (e.g. FAILED,TERMINATED)" };
        var since = new Option<string?>("--since") { Description = "Only runs scheduled within this window: 30m, 6h, 24h, 3d, 7d", DefaultValueFactory = _ => "24h" };
        var limit = new Option<int>("--limit") { Description = "At most this many runs (1-10000)", DefaultValueFactory = _ => 100 };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var follow = new Option<bool>("--follow", "-f") { Description = "After the list, keep printing status changes as they happen (Ctrl+C to stop)" };
        var command = new Command("runs", "List runs, newest first: status, reason, return code, host, times") { task, status, since, limit, server, json, follow, FailedRunsCommand.Create() };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null));
            var runs = await client.ListRunsAsync(parse.GetValue(task), parse.GetValue(status), parse.GetValue(since), parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(runs, ApiJson.Options));
                return ExitCodes.Ok;
            }

            if (runs.Count == 0 && !parse.GetValue(follow))
            {
                await cli.Output.WriteLineAsync($"No runs scheduled in the last {parse.GetValue(since)} match.");
                return ExitCodes.Ok;
            }

            var rows = runs.Select(r => new[]
            {
                r.RunId, r.Task, r.Status, r.Reason ?? "-", r.ReturnCode?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Host,
                CliFormat.Time(r.ScheduledFor), CliFormat.Time(r.StartedAt), CliFormat.Duration(r.DurationMs),
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["RUN ID", "TASK", "STATUS", "REASON", "RC", "HOST", "SCHEDULED", "STARTED", "DURATION"], rows);
            if (parse.GetValue(follow))
            {
                await LiveFollow.RunsAsync(client, parse.GetValue(task), parse.GetValue(status), cli.Output, ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
