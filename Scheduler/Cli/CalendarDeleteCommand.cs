using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask calendar delete NAME</c>: the server refuses while a task still names the calendar.</summary>
internal static class CalendarDeleteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Calendar name" };
        var server = CliOptions.Server();
        var command = new Command("delete", "Delete a custom calendar (refused while a task uses it; built-in calendars cannot be deleted)") { name, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var calendar = parse.GetValue(name)!;
            await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).DeleteCalendarAsync(calendar, ct);
            await cli.Output.WriteLineAsync($"Calendar deleted successfully: {calendar}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
