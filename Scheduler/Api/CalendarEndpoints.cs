using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// The <c>/api/v1/calendars</c> endpoints: custom calendars in and out, built-in ones shown but never changed.
/// Every change is passed to the engine, so the schedules naming a calendar follow it without a restart.
/// </summary>
internal static partial class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        var calendars = endpoints.MapGroup("/api/v1/calendars");
        calendars.MapGet("/", ListAsync);
        calendars.MapGet("/{name}", GetAsync);
        calendars.MapPost("/", UpsertAsync);
        calendars.MapDelete("/{name}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(ICalendarStore store, TimeProvider time, CancellationToken ct)
    {
        var year = time.GetUtcNow().Year;
        var builtIn = BuiltInCalendars.Names.Select(name => CalendarResource.BuiltInNamed(name, year)!);
        var custom = (await store.ListAsync(ct)).Select(CalendarResource.From);
        return Results.Ok(builtIn.Concat(custom));
    }

    private static async Task<IResult> GetAsync(string name, ICalendarStore store, TimeProvider time, CancellationToken ct)
    {
        if (CalendarResource.BuiltInNamed(name, time.GetUtcNow().Year) is { } builtIn)
        {
            return Results.Ok(builtIn);
        }

        var stored = await store.FindAsync(name, ct);
        return stored is null ? ApiProblems.NotFound($"no calendar named \"{name}\"") : Results.Ok(CalendarResource.From(stored));
    }

    /// <summary>Inserts a calendar or replaces the one of the same name: 201 when new, 200 when replaced.</summary>
    private static async Task<IResult> UpsertAsync(HttpRequest request, DefinitionChanges changes, ILogger<CalendarResource> log, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var outcome = DefinitionChanges.CheckCalendar(json, "the body is empty; send a calendar as a JSON object: { \"name\", \"description\", \"dates\": [\"YYYY-MM-DD\", ...] }");
        if (!outcome.IsValid)
        {
            return ApiProblems.Invalid(outcome.Errors, "The calendar is invalid");
        }

        var stored = await changes.SaveCalendarAsync(outcome.Value!, new ChangeActor(ChangeSource.Of(request)), ct);
        LogSaved(log, stored.Calendar.Name, stored.Calendar.Dates.Count, stored.Version, stored.Source);
        var resource = CalendarResource.From(stored);

        // The store bumps the version of a row it replaces, so version 1 is a calendar that did not exist before this call.
        return stored.Version == 1
            ? Results.Created($"/api/v1/calendars/{Uri.EscapeDataString(stored.Calendar.Name)}", resource)
            : Results.Ok(resource);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpRequest request, DefinitionChanges changes, ITaskStore tasks, ILogger<CalendarResource> log, CancellationToken ct)
    {
        if (BuiltInCalendars.Names.Contains(name))
        {
            return ApiProblems.Conflict($"\"{name}\" is a built-in calendar and cannot be deleted; tasks stop using it by dropping their \"calendar\" field");
        }

        // Checked before deleting, not enforced by the database: a task saved in between still schedules,
        // because the engine treats a missing calendar as excluding nothing and says so in its explanations.
        var users = (await tasks.ListAsync(ct)).Where(t => t.Definition.Calendar == name).Select(t => t.Definition.Name).ToList();
        if (users.Count > 0)
        {
            return ApiProblems.Conflict(
                $"calendar \"{name}\" is used by {users.Count} task{(users.Count == 1 ? "" : "s")}: {string.Join(", ", users)}; change or delete {(users.Count == 1 ? "it" : "them")} first");
        }

        if (!await changes.DeleteCalendarAsync(name, new ChangeActor(ChangeSource.Of(request)), ct))
        {
            return ApiProblems.NotFound($"no calendar named \"{name}\"");
        }

        LogDeleted(log, name, ChangeSource.Of(request));
        return Results.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar saved: {CalendarName} with {Dates} dates, now version {Version} by {Source}")]
    private static partial void LogSaved(ILogger logger, string calendarName, int dates, long version, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar deleted: {CalendarName} by {Source}")]
    private static partial void LogDeleted(ILogger logger, string calendarName, string source);
}
