using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Audit;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions;

/// <summary>
/// The one door for definition changes, used by the API (and through it the CLI) and the watched folder:
/// validate (<see cref="DefinitionIntake"/> and the calendar rules), store, then tell the engine, so every way in
/// checks the same rules and the schedule follows every write. Callers keep what is theirs: answering (HTTP
/// status, a file moved to rejected/) and their own access checks.
/// </summary>
internal sealed class DefinitionChanges(DefinitionIntake intake, ITaskStore tasks, ICalendarStore calendars, ITaskChangeListener listener, AuditTrail audit)
{
    public Task<ParseOutcome<TaskDefinition>> CheckTaskAsync(string json, CancellationToken cancellationToken) => intake.CheckAsync(json, cancellationToken);

    public Task<IReadOnlyList<ParseOutcome<TaskDefinition>>> CheckTasksAsync(string json, CancellationToken cancellationToken) =>
        intake.CheckManyAsync(json, cancellationToken);

    /// <summary>Reads and checks a calendar; <paramref name="emptyMessage"/> is the error for an empty body or file.</summary>
    public static ParseOutcome<CalendarDefinition> CheckCalendar(string json, string emptyMessage) =>
        string.IsNullOrWhiteSpace(json) ? new(null, [new FieldError("$", emptyMessage)]) : CalendarDefinitionJson.Check(json);

    /// <summary>Stores a checked new task and arms it; throws <see cref="DuplicateTaskException"/> when its name or tid is taken.</summary>
    public async Task<StoredTask> InsertTaskAsync(TaskDefinition definition, ChangeActor actor, CancellationToken cancellationToken)
    {
        var stored = await tasks.InsertAsync(definition, actor.Source, cancellationToken);
        await listener.TaskSavedAsync(stored, cancellationToken);
        await AuditAsync(actor, "insert task", definition.Name, null, stored.Version);
        return stored;
    }

    /// <summary>Replaces a checked task at <paramref name="expectedVersion"/> and re-arms it; throws <see cref="VersionConflictException"/> or <see cref="TaskNotFoundException"/>.</summary>
    public async Task<StoredTask> UpdateTaskAsync(string name, TaskDefinition definition, long expectedVersion, ChangeActor actor, CancellationToken cancellationToken)
    {
        var stored = await tasks.UpdateAsync(name, definition, expectedVersion, actor.Source, cancellationToken);
        await listener.TaskSavedAsync(stored, cancellationToken);
        await AuditAsync(actor, "update task", name, expectedVersion, stored.Version);
        return stored;
    }

    /// <summary>Stores a checked calendar (new or replacing the one of its name) and re-arms the tasks that use it.</summary>
    public async Task<StoredCalendar> SaveCalendarAsync(CalendarDefinition calendar, ChangeActor actor, CancellationToken cancellationToken)
    {
        var stored = await calendars.UpsertAsync(calendar, actor.Source, cancellationToken);
        await listener.CalendarChangedAsync(calendar.Name, cancellationToken);
        await AuditAsync(actor, "save calendar", calendar.Name, stored.Version == 1 ? null : stored.Version - 1, stored.Version, calendars: true);
        return stored;
    }

    /// <summary>Deletes a custom calendar; false when there was none of that name.</summary>
    public async Task<bool> DeleteCalendarAsync(string name, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (!await calendars.DeleteAsync(name, cancellationToken))
        {
            return false;
        }

        await listener.CalendarChangedAsync(name, cancellationToken);
        await AuditAsync(actor, "delete calendar", name, null, null, calendars: true);
        return true;
    }

    /// <summary>Records a change refused for <paramref name="errors"/>, when the actor audits its own changes.</summary>
    public Task RefusedAsync(ChangeActor actor, string what, IReadOnlyList<FieldError> errors) =>
        actor.AuditWho is null
            ? Task.CompletedTask
            : audit.RecordAsync(actor.AuditWho, actor.AuditFrom ?? "", $"{actor.AuditWho}: reject {what}", actor.AuditFrom ?? what, StatusCodes.Status400BadRequest,
                detail: string.Join("; ", errors.Take(5).Select(e => $"{e.Field}: {e.Message}")));

    private Task AuditAsync(ChangeActor actor, string action, string name, long? before, long? after, bool calendars = false) =>
        actor.AuditWho is null
            ? Task.CompletedTask
            : audit.RecordAsync(actor.AuditWho, actor.AuditFrom ?? "", $"{actor.AuditWho}: {action}",
                $"/api/v1/{(calendars ? "calendars" : "tasks")}/{name}", StatusCodes.Status200OK, before, after);
}
