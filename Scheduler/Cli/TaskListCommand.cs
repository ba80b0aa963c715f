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

            await WriteTableAsync(cli, tasks);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteTableAsync(CliContext cli, List<TaskResource> tasks)
    {
        var output = cli.Output;
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
            t.LastRun is { } last ? $"{last.Status}{(last.Reason is null ? "" : $" ({last.Reason})")} {cli.Time(last.At)}" : "never ran",
            t.NextRun is { } next ? cli.Time(next) : "-",
        }).ToList();
        await TextTable.WriteAsync(output, ["TID", "NAME", "GROUP", "HOST", "SCHEDULE", "ACTIVE", "VERSION", "LAST RUN", "NEXT RUN"], rows);
        foreach (var t in tasks.Where(t => t.Warnings is { Count: > 0 }))
        {
            foreach (var warning in t.Warnings!)
            {
                await cli.Error.WriteLineAsync($"warning: {t.Name}: {warning}");
            }
        }
    }

    /// <summary>A one-line reading of when the task runs, dependencies included.</summary>
    public static string Describe(TaskDefinition d)
    {
        var days = d.DayOfWeek switch
        {
            "1111111" => "daily",
            "1111100" => "Mon-Fri",
            _ => "days " + d.DayOfWeek,
        };
        var after = d.DependsOn is { Count: > 0 } ? "after " + Dependencies(d) : null;
        var when = d.Cron is not null ? $"cron {d.Cron}"
            : d.TriggerTimes is not null ? $"{d.TriggerTimes} {days}"
            : after ?? "on demand";
        var zone = d.Cron is not null || d.TriggerTimes is not null ? $" {d.Timezone}" : "";
        var calendar = d.Calendar is null ? "" : $" except {d.Calendar}";
        var alsoAfter = after is not null && (d.Cron is not null || d.TriggerTimes is not null) ? $", then {after}" : "";
        return when + zone + calendar + alsoAfter;
    }

    /// <summary>The upstream tasks and the state each must end in: <c>extract (success), load (done)</c>.</summary>
    public static string Dependencies(TaskDefinition d) =>
        d.DependsOn is { Count: > 0 } deps
            ? string.Join(", ", deps.Select(x => $"{x.Task} ({x.On})"))
            : "none";
}
