using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// <c>GET /api/v1/tasks/{name}/forecast?from=&amp;days=</c>: when a stored task will run, as a JSON array in time
/// order; <c>.../forecast/skipped-days</c>: the days its calendar takes out of the same window.
/// Both are computed by <see cref="Forecast"/> from the stored definition and the stored calendars.
/// </summary>
internal static class ForecastEndpoints
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder endpoints)
    {
        var task = endpoints.MapGroup("/api/v1/tasks/{name}/forecast");
        task.MapGet("/", (string name, string? from, string? days, ITaskStore tasks, ICalendarStore calendars, TimeProvider time, CancellationToken ct) =>
            AnswerAsync(name, from, days, tasks, calendars, time, f => f.Occurrences.Select(ForecastOccurrence.From), ct));
        task.MapGet("/skipped-days", (string name, string? from, string? days, ITaskStore tasks, ICalendarStore calendars, TimeProvider time, CancellationToken ct) =>
            AnswerAsync(name, from, days, tasks, calendars, time, f => f.SkippedDays.Select(SkippedDayResource.From), ct));
        return endpoints;
    }

    private static async Task<IResult> AnswerAsync<T>(
        string name,
        string? from,
        string? days,
        ITaskStore tasks,
        ICalendarStore calendars,
        TimeProvider time,
        Func<Forecast, IEnumerable<T>> select,
        CancellationToken ct)
    {
        var errors = ForecastRequest.TryParse(from, days, out var request);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors, "The forecast request is invalid");
        }

        var stored = await tasks.FindAsync(name, ct);
        if (stored is null)
        {
            return ApiProblems.NotFound($"no task named \"{name}\"");
        }

        // Read from the database rather than the engine's cache, so a standby scheduler answers the same as the leader.
        var calendarDays = new CalendarDays();
        calendarDays.Replace((await calendars.ListAsync(ct)).Select(c => c.Calendar));
        Forecast forecast;
        try
        {
            forecast = Forecast.Of(stored.Definition, calendarDays, request, time.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            // A row written by hand or by an older version; the engine skips it too.
            return ApiProblems.Conflict($"task \"{name}\" cannot be scheduled: {ex.Message}");
        }

        return forecast.IsTruncated
            ? ApiProblems.Invalid([new FieldError("days", forecast.TooManyProblem)], "The forecast request is invalid")
            : Results.Ok(select(forecast).ToList());
    }
}
