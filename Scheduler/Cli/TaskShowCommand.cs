using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task show NAME</c>: one task's bookkeeping and full definition.</summary>
internal static class TaskShowCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Task name" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("show", "Show one task definition with its version, status and audit fields") { name, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var task = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).GetTaskAsync(parse.GetValue(name)!, ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(task, ApiJson.Options));
                return ExitCodes.Ok;
            }

            await WriteAsync(cli, task);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext cli, TaskResource task)
    {
        var output = cli.Output;
        string Time(DateTimeOffset t) => cli.Time(t);
        await output.WriteLineAsync($"Task:      {task.Name} (tid {task.Tid})");
        await output.WriteLineAsync($"Active:    {(task.Active ? "yes" : "no (IDLE: never triggered)")}{(task.OnHold ? $", on hold (not triggered until `easytask task release {task.Name}`)" : "")}");
        await output.WriteLineAsync($"Schedule:  {TaskListCommand.Describe(task.Definition)}");
        await output.WriteLineAsync($"Depends on: {TaskListCommand.Dependencies(task.Definition)}");
        await output.WriteLineAsync($"Host:      {task.Definition.RunOnHost}");
        await output.WriteLineAsync($"Last run:  {(task.LastRun is { } last ? $"{last.RunId} {last.Status}{(last.Reason is null ? "" : $" ({last.Reason})")} {Time(last.At)}" : "never ran")}");
        await output.WriteLineAsync($"Next run:  {(task.NextRun is { } next ? Time(next) : "-")}");
        foreach (var warning in task.Warnings ?? [])
        {
            await output.WriteLineAsync($"Warning:   {warning}");
        }

        await output.WriteLineAsync($"Version:   {task.Version}");
        await output.WriteLineAsync($"Created:   {Time(task.CreatedAt)}");
        await output.WriteLineAsync($"Updated:   {Time(task.UpdatedAt)} by {task.Source}");
        await output.WriteLineAsync("Definition:");
        await output.WriteLineAsync(TaskDefinitionJson.Serialize(task.Definition));
    }
}
