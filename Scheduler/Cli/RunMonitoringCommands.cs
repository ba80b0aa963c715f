using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask run timeline|attempts|retry|dismiss RUN_ID</c>: a run's monitoring view and the operator's recovery actions.</summary>
internal static class RunMonitoringCommands
{
    public static IEnumerable<Command> Create() => [Timeline(), Attempts(), Retry(), Dismiss()];

    private static Command Timeline()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("timeline", "A run's event timeline: attempts, errors, retries, status moves, alerts, each with its severity") { runId, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var events = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).TimelineAsync(parse.GetValue(runId)!, ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(events, ApiJson.Options));
                return ExitCodes.Ok;
            }

            var rows = events.Select(e => new[]
            {
                CliFormat.Time(e.At), e.Severity.ToUpperInvariant(), e.Type, e.Attempt.ToString(CultureInfo.InvariantCulture),
                e.To is null ? "" : e.From is null ? e.To : $"{e.From} -> {e.To}", e.Detail ?? "",
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["AT", "SEVERITY", "EVENT", "ATTEMPT", "STATUS", "DETAIL"], rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Attempts()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("attempts", "Every attempt of a run: status, reason, error class, return code, host, times") { runId, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var attempts = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).AttemptsAsync(parse.GetValue(runId)!, ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(attempts, ApiJson.Options));
                return ExitCodes.Ok;
            }

            var rows = attempts.Select(a => new[]
            {
                a.Attempt.ToString(CultureInfo.InvariantCulture), a.Status, a.Reason ?? "-", a.ErrorClass ?? "-",
                a.ReturnCode?.ToString(CultureInfo.InvariantCulture) ?? "-", a.Host, CliFormat.Time(a.StartedAt), CliFormat.Duration(a.DurationMs), a.HostBreaker,
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["ATTEMPT", "STATUS", "REASON", "ERROR CLASS", "RC", "HOST", "STARTED", "DURATION", "BREAKER"], rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id (a final run: SUCCESS, FAILED or TERMINATED)" };
        var server = CliOptions.Server();
        var command = new Command("retry", "Run a final run again as its next attempt, through the normal dispatch path") { runId, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var run = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).RetryRunAsync(parse.GetValue(runId)!, ct);
            await cli.Output.WriteLineAsync($"Run {run.RunId} retried: attempt {run.Attempt}, now {run.Status}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Dismiss()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run's id" };
        var server = CliOptions.Server();
        var command = new Command("dismiss", "Take a run off the failed-runs list (it stays in the run history)") { runId, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var entry = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).DismissRunAsync(parse.GetValue(runId)!, ct);
            await cli.Output.WriteLineAsync($"Run {entry.RunId} ({entry.Task}) dismissed from the failed-runs list");
            return ExitCodes.Ok;
        });
        return command;
    }
}
