using System.CommandLine;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask alerts</c>: alerts raised, newest first, with their delivery per channel.</summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only alerts raised within this window: 30m, 24h, 7d" };
        var limit = new Option<int>("--limit") { Description = "At most this many alerts (1-10000)", DefaultValueFactory = _ => 50 };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("alerts", "Alerts raised (failed, timed_out, agent_lost, late, long_running, circuit_open) and whether each channel got them") { since, limit, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var alerts = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).AlertsAsync(parse.GetValue(since), parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(alerts, ApiJson.Options));
                return ExitCodes.Ok;
            }

            if (alerts.Count == 0)
            {
                await cli.Output.WriteLineAsync("No alerts.");
                return ExitCodes.Ok;
            }

            var rows = alerts.Select(a => new[]
            {
                CliFormat.Time(a.CreatedAt), a.Severity.ToUpperInvariant(), a.Kind, a.Task ?? a.Host ?? "-", a.RunId ?? "-",
                string.Join(", ", a.Channels.Select(c => $"{c.Channel}: {c.Status}")), a.Message,
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["RAISED", "SEVERITY", "KIND", "TASK/HOST", "RUN ID", "DELIVERY", "MESSAGE"], rows);
            return ExitCodes.Ok;
        });
        return command;
    }
}
