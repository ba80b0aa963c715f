using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask status</c>: the monitoring health view in a few lines.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("status", "Scheduler health: queue depth, runs and failure rate, durations, agents, circuit breakers, failed runs, alerts") { server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var health = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).HealthAsync(ct);
            var o = cli.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(JsonSerializer.Serialize(health, ApiJson.Options));
                return ExitCodes.Ok;
            }

            static string Counts(IReadOnlyDictionary<string, int> counts) =>
                counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

            await o.WriteLineAsync($"Status:          {health.Status}");
            await o.WriteLineAsync($"Queue:           {health.Queue.Total} waiting (ACTIVE/TRIGGER){(health.Queue.Total == 0 ? "" : ": " + Counts(health.Queue.ByHost))}");
            await o.WriteLineAsync($"Runs, last hour: {Counts(health.RunsLastHour)}");
            await o.WriteLineAsync($"Runs, last 24 h: {Counts(health.RunsLast24h)}");
            await o.WriteLineAsync($"Failure rate:    {(health.FailureRate24h is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "-")} (24 h)");
            var d = health.Duration24h;
            await o.WriteLineAsync($"Duration:        {(d.Runs == 0 ? "-" : $"average {d.AverageSeconds:0.###} s, p95 {d.P95Seconds:0.###} s over {d.Runs} runs")} (24 h)");
            await o.WriteLineAsync($"Agents:          {health.AgentsAlive} alive, {health.AgentsLost} lost");
            foreach (var a in health.Agents)
            {
                await o.WriteLineAsync($"  {a.Name,-24} {(a.Alive ? "alive" : "LOST"),-6} running {a.Running}/{a.Capacity}, last heartbeat {CliFormat.Time(a.LastHeartbeat)}");
            }

            await o.WriteLineAsync($"Breakers open:   {(health.CircuitBreakers.Count == 0 ? "none" : string.Join(", ", health.CircuitBreakers.Select(b => $"{b.Host} ({b.State}, {b.ConsecutiveFailures} failures)")))}");
            await o.WriteLineAsync($"Failed runs:     {health.FailedRuns} on the list (easytask runs failed)");
            await o.WriteLineAsync($"Alerts pending:  {health.AlertsUndelivered}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
