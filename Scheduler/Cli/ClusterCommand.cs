using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask cluster status</c>: the schedulers sharing the database, the leader, its lease's age and epoch.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var status = new Command("status", "Show the schedulers sharing the database: which one leads, the lease's epoch and age") { server, json };
        status.SetGuardedAction(async (parse, cli, ct) =>
        {
            var cluster = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ClusterAsync(ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(cluster, ApiJson.Options));
                return ExitCodes.Ok;
            }

            await cli.Output.WriteLineAsync(cluster.Mode == "single"
                ? "Mode: single (SQLite: this one process is the scheduler)"
                : $"Mode: cluster; leader {cluster.Leader ?? "NONE (lease expired: a standby takes over within a second)"}, epoch {cluster.Epoch}" +
                  (cluster.LeaseAgeMs is { } age ? $", lease renewed {age.ToString(CultureInfo.InvariantCulture)} ms ago, expires {CliFormat.Time(cluster.LeaseExpiresAt)}" : ""));
            await cli.Output.WriteLineAsync($"Answered by: {cluster.ThisInstance}");
            var rows = cluster.Instances.Select(m => new[]
            {
                m.Id, m.Leader ? "leader" : "standby", m.Host, m.Url ?? "-", CliFormat.Time(m.StartedAt), CliFormat.Time(m.LastSeen),
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["INSTANCE", "ROLE", "HOST", "URL", "STARTED", "LAST SEEN"], rows);
            return ExitCodes.Ok;
        });
        return new Command("cluster", "Schedulers sharing one PostgreSQL or SQL Server database") { status };
    }
}
