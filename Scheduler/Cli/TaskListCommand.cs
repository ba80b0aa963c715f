using System.CommandLine;
using System.Text.Json;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task list</c>: every task on the server, as a table or JSON.</summary>
internal static class TaskListCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("list", "List the task definitions on the scheduler") { server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var tasks = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ListTasksAsync(ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(tasks, ApiJson.Options));
                return ExitCodes.Ok;
            }

            await WriteTableAsync(cli.Output, tasks);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, List<TaskResource> tasks)
    {
        if (tasks.Count == 0)
        {
            await output.WriteLineAsync("No tasks defined. Insert one with: easytask task insert FILE");
            return;
        }

        var rows = tasks.Select(t => new[]
        {
            t.Tid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            t.Name,
            t.Definition.Group ?? "-",
            t.Definition.RunOnHost,
            Describe(t.Definition),
            t.OnHold ? (t.Active ? "on hold" : "no, on hold") : (t.Active ? "yes" : "no"),
            t.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        await TextTable.WriteAsync(output, ["TID", "NAME", "GROUP", "HOST", "SCHEDULE", "ACTIVE", "VERSION"], rows);
    }

    /// <summary>A one-line reading of when the task runs.</summary>
    public static string Describe(TaskDefinition d)
    {
        var days = d.DayOfWeek switch
        {
            "1111111" => "daily",
            "1111100" => "Mon-Fri",
            _ => "days " + d.DayOfWeek,
        };
        var when = d.Cron is not null ? $"cron {d.Cron}"
            : d.TriggerTimes is not null ? $"{d.TriggerTimes} {days}"
            : d.DependsOn is { Count: > 0 } ? "after " + string.Join(", ", d.DependsOn.Select(x => x.Task))
            : "on demand";
        var zone = d.Cron is not null || d.TriggerTimes is not null ? $" {d.Timezone}" : "";
        var calendar = d.Calendar is null ? "" : $" except {d.Calendar}";
        return when + zone + calendar;
    }
}
