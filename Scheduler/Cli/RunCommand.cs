using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask run show RUN_ID</c>: the whole story of one run.</summary>
internal static class RunCommand
{
    public static Command Create() => new("run", "Inspect, kill or read the output of one run") { Show(), Kill(), Logs() };

    private static Command Kill()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id" };
        var server = CliOptions.Server();
        var command = new Command("kill", "Kill a run: its whole process tree on the agent (TERMINATED, reason killed)") { runId, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var run = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).KillRunAsync(parse.GetValue(runId)!, ct);
            await cli.Output.WriteLineAsync(run.Status switch
            {
                "TERMINATED" or "SUCCESS" or "FAILED" => $"Run {run.RunId} is {run.Status}{(run.Reason is null ? "" : $" ({run.Reason})")}",
                _ => $"Kill sent to agent {run.Host} for run {run.RunId} (now {run.Status}); it ends TERMINATED (killed) when the agent reports",
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Logs()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id" };
        var stderr = new Option<bool>("--stderr") { Description = "Print stderr instead of stdout" };
        var attempt = new Option<int?>("--attempt") { Description = "Which attempt (default: the latest)" };
        var server = CliOptions.Server();
        var command = new Command("logs", "Print a run's captured output (as streamed by its agent)") { runId, stderr, attempt, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var text = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null))
                .RunLogsAsync(parse.GetValue(runId)!, parse.GetValue(stderr) ? "stderr" : "stdout", parse.GetValue(attempt), ct);
            await cli.Output.WriteAsync(text);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id (see `easytask runs`)" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("show", "Show a run: status, reason, return code, host, attempts, times and its event timeline") { runId, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null));
            var run = await client.GetRunAsync(parse.GetValue(runId)!, ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(run, ApiJson.Options));
                return ExitCodes.Ok;
            }

            await WriteAsync(cli, run);
            if (run.Status is "FAILED" or "TERMINATED")
            {
                await WriteOutputTailAsync(client, cli, run, ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The reason a run failed is usually in what it wrote last: stderr, or stdout when stderr is empty.</summary>
    private static async Task WriteOutputTailAsync(SchedulerClient client, CliContext cli, RunResource run, CancellationToken ct)
    {
        foreach (var stream in new[] { "stderr", "stdout" })
        {
            var lines = (await client.RunLogsAsync(run.RunId, stream, run.Attempt, ct)).TrimEnd('\n', '\r').Split('\n');
            if (lines is [""])
            {
                continue;
            }

            var tail = lines.TakeLast(OutputTailLines).ToList();
            var more = lines.Length > tail.Count ? $" (last {tail.Count} of {lines.Length} lines; all of it: easytask run logs {run.RunId}{(stream == "stderr" ? " --stderr" : "")})" : "";
            await cli.Output.WriteLineAsync($"Last {stream}{more}:");
            foreach (var line in tail)
            {
                await cli.Output.WriteLineAsync("  " + line.TrimEnd('\r'));
            }

            return;
        }

        await cli.Output.WriteLineAsync("Output:     none captured (stdout and stderr are empty)");
    }

    private const int OutputTailLines = 10;

    private static async Task WriteAsync(CliContext cli, RunResource run)
    {
        var output = cli.Output;
        await output.WriteLineAsync($"Run:        {run.RunId}{(run.Adhoc ? " (ADHOC)" : "")}");
        await output.WriteLineAsync($"Task:       {run.Task} (tid {run.Tid})");
        await output.WriteLineAsync($"Status:     {run.Status}{(run.Reason is null ? "" : $" ({run.Reason})")}");
        if (run.WaitingFor is not null)
        {
            await output.WriteLineAsync($"Waiting:    {run.WaitingFor}");
        }

        await output.WriteLineAsync($"Return code: {run.ReturnCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        await output.WriteLineAsync($"Host:       {run.Host}");
        await output.WriteLineAsync($"Attempt:    {run.Attempt}");
        await output.WriteLineAsync($"Scheduled:  {cli.Time(run.ScheduledFor)}");
        await output.WriteLineAsync($"Started:    {cli.Time(run.StartedAt)}");
        await output.WriteLineAsync($"Finished:   {cli.Time(run.FinishedAt)}");
        await output.WriteLineAsync($"Duration:   {CliFormat.Duration(run.DurationMs)}");
        await output.WriteLineAsync("Timeline:");
        foreach (var e in run.Events ?? [])
        {
            var step = e.From is null ? e.To : $"{e.From} -> {e.To}";
            await output.WriteLineAsync($"  {cli.Time(e.At)}  {step,-22} {e.Actor}{(e.Detail is null ? "" : ": " + e.Detail)}");
        }
    }
}
