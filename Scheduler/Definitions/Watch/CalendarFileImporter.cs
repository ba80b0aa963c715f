using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// Applies a calendar file: checked by the same rules as the API, then inserted or replaced by name.
/// Store failures are thrown, not reported as errors, so the file is kept for a retry.
/// </summary>
internal sealed class CalendarFileImporter(ICalendarStore store, ITaskChangeListener changes, ILogger<CalendarFileImporter> log)
{
    /// <summary>The file's problems (nothing was written), or an empty list when the calendar was saved.</summary>
    public async Task<IReadOnlyList<FieldError>> ImportAsync(string json, string source, CancellationToken cancellationToken)
    {
        var outcome = string.IsNullOrWhiteSpace(json)
            ? new ParseOutcome<CalendarDefinition>(null, [new FieldError("$", "the file is empty; it must hold a calendar as a JSON object: { \"name\", \"description\", \"dates\": [\"YYYY-MM-DD\", ...] }")])
            : CalendarDefinitionJson.Check(json);
        if (!outcome.IsValid)
        {
            return outcome.Errors;
        }

        var calendar = outcome.Value!;
        var current = await store.FindAsync(calendar.Name, cancellationToken);
        if (current is not null && CalendarDefinitionJson.Serialize(current.Calendar) == CalendarDefinitionJson.Serialize(calendar))
        {
            WatchLog.CalendarUnchanged(log, calendar.Name, current.Version, source);
            return [];
        }

        var stored = await store.UpsertAsync(calendar, source, cancellationToken);
        WatchLog.CalendarSaved(log, calendar.Name, calendar.Dates.Count, stored.Version, source);
        await changes.CalendarsChangedAsync(cancellationToken);
        return [];
    }
}
