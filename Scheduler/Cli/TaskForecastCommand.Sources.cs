using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Cli;

internal static partial class TaskForecastCommand
{
    /// <summary>Offline: the file is validated against the built-in calendars plus those in the folders, then forecast here.</summary>
    private static async Task<int> ForecastFileAsync(string file, string[] calendarFolders, ForecastRequest request, DateTimeOffset now, bool asJson, CliContext cli)
    {
        if (calendarFolders.FirstOrDefault(f => !Directory.Exists(f)) is { } missing)
        {
            throw new CliException($"--calendars: \"{missing}\" is not a folder", ExitCodes.InvalidInput);
        }

        var (calendars, calendarsValid) = await CalendarFiles.LoadAsync(calendarFolders, cli.Error);
        var outcomes = TaskDefinitionValidator.CheckMany(DefinitionFiles.Read(file), new CalendarCatalog(calendars.Select(c => c.Name)));
        var errors = outcomes.SelectMany(o => o.Errors).ToList();
        await DefinitionFiles.WriteErrorsAsync(cli.Error, file, errors);
        if (!calendarsValid || errors.Count > 0)
        {
            return ExitCodes.InvalidInput;
        }

        if (asJson && outcomes.Count > 1)
        {
            throw new CliException($"{file} holds {outcomes.Count} definitions; --json forecasts one task at a time (drop --json to see them all)", ExitCodes.InvalidInput);
        }

        var calendarDays = new CalendarDays();
        calendarDays.Replace(calendars);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var forecast = Forecast.Of(outcomes[i].Value!, calendarDays, request, now);
            if (forecast.IsTruncated)
            {
                throw new CliException($"--days: {forecast.TooManyProblem}", ExitCodes.InvalidInput);
            }

            if (i > 0)
            {
                await cli.Output.WriteLineAsync();
            }

            await WriteAsync(forecast, onHold: false, asJson, cli);
        }

        return ExitCodes.Ok;
    }

    /// <summary>From the server: the runs (and, for text, the skipped days) it computes from the stored definition and calendars.</summary>
    private static async Task<int> ForecastStoredAsync(SchedulerClient client, string name, ForecastRequest request, DateTimeOffset now, bool asJson, CliContext cli, CancellationToken ct)
    {
        var task = await client.GetTaskAsync(name, ct);
        TaskSchedule schedule;
        try
        {
            schedule = TaskSchedule.For(task.Definition, null);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"task \"{name}\" on the server cannot be scheduled: {ex.Message}", ExitCodes.ServerRefused);
        }

        // The window is resolved here and sent as an instant, so the header and the server's list cover exactly the same span.
        var (from, until) = Forecast.Window(schedule, request, now);
        var fromText = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        try
        {
            var occurrences = await client.ForecastAsync(name, fromText, request.Days, ct);
            var skipped = asJson ? [] : await client.SkippedDaysAsync(name, fromText, request.Days, ct);
            var forecast = new Forecast(
                task.Definition,
                schedule.Zone,
                Calendar: null,
                from,
                until,
                request.Days,
                occurrences.Select(o => o.ToOccurrence()).ToList(),
                skipped.Select(s => s.ToSkippedDay()).ToList());
            await WriteAsync(forecast, task.OnHold, asJson, cli);
            return ExitCodes.Ok;
        }
        catch (ServerValidationException ex)
        {
            await WriteOptionErrorsAsync(cli.Error, ex.Errors);
            return ExitCodes.InvalidInput;
        }
    }
}
