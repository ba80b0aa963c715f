using System.CommandLine;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task explain NAME [--at T]</c>: why a task will or will not run, or why its last occurrence did not.</summary>
internal static class TaskExplainCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Task name" };
        var at = new Option<string?>("--at") { Description = "An ISO-8601 time to explain, e.g. 2026-11-26T07:00:00-05:00; without an offset (2026-11-26, 2026-11-26T07:00) it is read in the task's time zone, as forecast --from is (default: the latest run and occurrence)" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("explain", "Explain in plain words why a task will or will not run at a time, or why its last occurrence did not run") { name, at, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var explanation = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ExplainTaskAsync(parse.GetValue(name)!, parse.GetValue(at), ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(explanation, ApiJson.Options));
                return ExitCodes.Ok;
            }

            foreach (var line in explanation.Lines)
            {
                await cli.Output.WriteLineAsync(line);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
