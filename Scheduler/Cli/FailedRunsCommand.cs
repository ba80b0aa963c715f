using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask runs failed</c>: the failed-runs list (runs whose recovery is exhausted), newest first.</summary>
internal static class FailedRunsCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task") { Description = "Only runs of this task" };
        var agent = new Option<string?>("--agent") { Description = "Only runs on this agent (host)" };
        var since = new Option<string?>("--since") { Description = "Only runs that failed within this window: 30m, 24h, 7d" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("failed", "The failed-runs list: runs whose retries are exhausted or that failed permanently") { task, agent, since, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var failed = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null))
                .FailedRunsAsync(parse.GetValue(task), parse.GetValue(agent), parse.GetValue(since), ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(failed, ApiJson.Options));
                return ExitCodes.Ok;
            }

            if (failed.Count == 0)
            {
                await cli.Output.WriteLineAsync("The failed-runs list is empty.");
                return ExitCodes.Ok;
            }

            var rows = failed.Select(f => new[]
            {
                f.RunId, f.Task, f.Host, f.Status, f.Reason ?? "-", f.ErrorClass ?? "-", f.ReturnCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                f.Attempts.ToString(CultureInfo.InvariantCulture), CliFormat.Time(f.FailedAt),
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["RUN ID", "TASK", "HOST", "STATUS", "REASON", "ERROR CLASS", "RC", "ATTEMPTS", "FAILED AT"], rows);
            await cli.Output.WriteLineAsync("Retry one with `easytask run retry RUN_ID`, or take it off the list with `easytask run dismiss RUN_ID`.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
