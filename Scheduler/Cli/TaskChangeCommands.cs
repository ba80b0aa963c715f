using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task delete|activate|deactivate|hold|release NAME</c>.</summary>
internal static class TaskChangeCommands
{
    public static Command Delete()
    {
        var name = new Argument<string>("NAME") { Description = "Task name" };
        var server = CliOptions.Server();
        var force = new Option<bool>("--force") { Description = "Delete even when other tasks list it in depends_on (they then wait for a task of that name)" };
        var command = new Command("delete", "Delete a task definition (its past runs are kept); refused while other tasks depend on it, unless --force") { name, force, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var task = parse.GetValue(name)!;
            await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).DeleteTaskAsync(task, parse.GetValue(force), ct);
            await cli.Output.WriteLineAsync($"Task deleted successfully: {task}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command SetActive(bool active)
    {
        var name = new Argument<string>("NAME") { Description = "Task name" };
        var server = CliOptions.Server();
        var command = active
            ? new Command("activate", "Make a task ACTIVE: it fires at its times again") { name, server }
            : new Command("deactivate", "Make a task IDLE: it is never triggered until activated") { name, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var task = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).SetActiveAsync(parse.GetValue(name)!, active, ct);
            await cli.Output.WriteLineAsync($"Task {(active ? "activated" : "deactivated")} successfully: {task.Name} (definition stays version {task.Version})");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Hold pauses a task without touching its definition: unlike deactivate, release brings back exactly what was there.</summary>
    public static Command SetHold(bool onHold)
    {
        var name = new Argument<string>("NAME") { Description = "Task name" };
        var server = CliOptions.Server();
        var command = onHold
            ? new Command("hold", "Put a task on hold: it is not triggered until released; its definition and active flag stay as they are") { name, server }
            : new Command("release", "Release a task from hold: it fires at its times again") { name, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var task = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).SetHoldAsync(parse.GetValue(name)!, onHold, ct);
            await cli.Output.WriteLineAsync($"Task {(onHold ? "put on hold" : "released")} successfully: {task.Name} (definition stays version {task.Version})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
