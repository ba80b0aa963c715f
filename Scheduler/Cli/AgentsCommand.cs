using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask agents</c>: the agents the scheduler knows, alive or not.</summary>
internal static class AgentsCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("agents", "List the agents the scheduler has heard from: alive, capacity, running, last heartbeat") { server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var agents = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ListAgentsAsync(ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(agents, ApiJson.Options));
                return ExitCodes.Ok;
            }

            if (agents.Count == 0)
            {
                await cli.Output.WriteLineAsync("No agent has been heard from. Start one with: easytask-agent --name HOST");
                return ExitCodes.Ok;
            }

            var rows = agents.Select(a => new[]
            {
                a.Name, a.Alive ? "yes" : "NO", a.Version, a.Capacity.ToString(CultureInfo.InvariantCulture), a.Running.ToString(CultureInfo.InvariantCulture), CliFormat.Time(a.LastHeartbeat),
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["NAME", "ALIVE", "VERSION", "CAPACITY", "RUNNING", "LAST HEARTBEAT"], rows);
            return ExitCodes.Ok;
        });
        return command;
    }
}
