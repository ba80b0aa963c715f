using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// Applies a calendar file: checked by the same rules as the API, then inserted or replaced by name.
/// Store failures are thrown, not reported as errors, so the file is kept for a retry.
/// </summary>
internal sealed class CalendarFileImporter(DefinitionChanges changes, ICalendarStore store, ILogger<CalendarFileImporter> log)
{
    /// <summary>The file's problems (nothing was written, and the refusal is audited), or an empty list when the calendar was saved.</summary>
    public async Task<IReadOnlyList<FieldError>> ImportAsync(string json, string file, CancellationToken cancellationToken)
    {
        var actor = ChangeActor.WatchedFolder(file);
        var source = actor.Source;
        var outcome = DefinitionChanges.CheckCalendar(json, "the file is empty; it must hold a calendar as a JSON object: { \"name\", \"description\", \"dates\": [\"YYYY-MM-DD\", ...] }");
        if (!outcome.IsValid)
        {
            await changes.RefusedAsync(actor, "calendar file", outcome.Errors);
            return outcome.Errors;
        }

        var calendar = outcome.Value!;
        var current = await store.FindAsync(calendar.Name, cancellationToken);
        if (current is not null && CalendarDefinitionJson.Serialize(current.Calendar) == CalendarDefinitionJson.Serialize(calendar))
        {
            WatchLog.CalendarUnchanged(log, calendar.Name, current.Version, source);
            return [];
        }

        var stored = await changes.SaveCalendarAsync(calendar, actor, cancellationToken);
        WatchLog.CalendarSaved(log, calendar.Name, calendar.Dates.Count, stored.Version, source);
        return [];
    }
}
