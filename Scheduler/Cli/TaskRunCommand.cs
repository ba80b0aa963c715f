using System.CommandLine;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task run NAME</c>: force-start a task now, past its dependencies, and print the run id.</summary>
internal static class TaskRunCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Task name" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var force = new Option<bool>("--force") { Description = "Start it even when the task is on hold" };
        var command = new Command("run", "Force-start a task now (dependencies and concurrency are not checked); prints the run id. A held task needs --force") { name, force, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var run = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ForceStartAsync(parse.GetValue(name)!, parse.GetValue(force), ct);
            await cli.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(run, ApiJson.Options)
                : $"Run {run.RunId} of {run.Task} started: {run.Status} on host {run.Host}. Follow it with: easytask run show {run.RunId}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
