using System.CommandLine;
using System.Text.Json;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask export DIR</c>: every task as <c>DIR/NAME.json</c> and every custom calendar as
/// <c>DIR/calendars/NAME.json</c>, written so that <c>easytask apply DIR --plan</c> finds nothing to change.
/// </summary>
internal static class ExportCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Folder to write (created if missing; files of the same name are replaced)" };
        var server = CliOptions.Server();
        var command = new Command("export", "Write every task and custom calendar as files that `easytask apply` reads back unchanged") { folder, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var root = parse.GetValue(folder)!;
            var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null));
            var tasks = await client.ListTasksAsync(ct);
            var calendars = (await client.ListCalendarsAsync(ct)).Where(c => !c.BuiltIn).ToList();
            var calendarFolder = Path.Combine(root, DefinitionFolder.CalendarsFolder);
            Directory.CreateDirectory(calendarFolder);
            foreach (var task in tasks)
            {
                await File.WriteAllTextAsync(Path.Combine(root, task.Name + ".json"), Pretty(TaskDefinitionJson.Serialize(task.Definition)), ct);
            }

            foreach (var calendar in calendars)
            {
                var definition = new CalendarDefinition { Name = calendar.Name, Description = calendar.Description, Dates = [.. calendar.Dates] };
                await File.WriteAllTextAsync(Path.Combine(calendarFolder, calendar.Name + ".json"), Pretty(CalendarDefinitionJson.Serialize(definition)), ct);
            }

            await cli.Output.WriteLineAsync($"Exported {tasks.Count} tasks and {calendars.Count} calendars to {Path.GetFullPath(root)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Indented) + "\n";
    }
}
