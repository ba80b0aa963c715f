using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask calendar show NAME</c>: a custom calendar's dates from the server, or a built-in calendar's
/// holidays of this year and the next, computed here (they are the same everywhere, so no server is needed).
/// </summary>
internal static class CalendarShowCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Calendar name (US_HOLIDAYS or a custom calendar)" };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("show", "Show a calendar's excluded days: for US_HOLIDAYS the holidays of this year and the next with their observed days") { name, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var calendarName = parse.GetValue(name)!;
            var calendar = CalendarResource.BuiltInNamed(calendarName, TimeProvider.System.GetLocalNow().Year)
                ?? await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).GetCalendarAsync(calendarName, ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(calendar, ApiJson.Options));
                return ExitCodes.Ok;
            }

            await WriteAsync(cli.Output, calendar);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, CalendarResource calendar)
    {
        static string Day(DateOnly d) => d.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"Calendar:  {calendar.Name} ({(calendar.BuiltIn ? "built in" : "custom")})");
        if (calendar.Description is not null)
        {
            await output.WriteLineAsync($"About:     {calendar.Description}");
        }

        if (calendar.Version is not null)
        {
            await output.WriteLineAsync($"Version:   {calendar.Version}");
            await output.WriteLineAsync($"Updated:   {calendar.UpdatedAt?.UtcDateTime:yyyy-MM-dd HH:mm:ss 'UTC'} by {calendar.Source}");
        }

        if (calendar.Holidays is { } holidays)
        {
            foreach (var year in holidays.GroupBy(h => h.Date.Year))
            {
                await output.WriteLineAsync($"{year.Key}:");
                foreach (var holiday in year)
                {
                    var observed = holiday.Observed == holiday.Date ? "" : $"  (observed {Day(holiday.Observed)})";
                    await output.WriteLineAsync($"  {Day(holiday.Date)}  {holiday.Name}{observed}");
                }
            }

            return;
        }

        await output.WriteLineAsync($"Dates:     {(calendar.Dates.Count == 0 ? "none" : calendar.Dates.Count.ToString(CultureInfo.InvariantCulture))}");
        foreach (var date in calendar.Dates)
        {
            await output.WriteLineAsync($"  {Day(date)}");
        }
    }
}
