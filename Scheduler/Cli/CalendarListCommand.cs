using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask calendar list</c>: the built-in calendars and every custom one on the server.</summary>
internal static class CalendarListCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("list", "List the calendars: built-in ones and the custom ones on the scheduler") { server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var calendars = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ListCalendarsAsync(ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(calendars, ApiJson.Options));
                return ExitCodes.Ok;
            }

            var rows = calendars.Select(c => new[]
            {
                c.Name,
                c.BuiltIn ? "built-in" : "custom",
                c.BuiltIn ? "computed every year" : DescribeDates(c.Dates),
                c.Version?.ToString(CultureInfo.InvariantCulture) ?? "-",
                c.Description ?? "",
            }).ToList();
            await TextTable.WriteAsync(cli.Output, ["NAME", "KIND", "DATES", "VERSION", "DESCRIPTION"], rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string DescribeDates(IReadOnlyList<DateOnly> dates) => dates.Count switch
    {
        0 => "none",
        1 => $"1 ({dates[0]:yyyy-MM-dd})",
        _ => $"{dates.Count} ({dates[0]:yyyy-MM-dd} .. {dates[^1]:yyyy-MM-dd})",
    };
}
