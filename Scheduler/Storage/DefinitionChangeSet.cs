using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>Every definition change of one <c>apply</c>, written in one transaction (all or nothing).</summary>
/// <param name="CalendarsToSave">Calendars inserted or replaced by name.</param>
/// <param name="TasksToInsert">New tasks (version 1).</param>
/// <param name="TasksToUpdate">Changed tasks, each with the version the plan was made against.</param>
/// <param name="TasksToDelete">Tasks removed (only with <c>--prune</c>).</param>
/// <param name="CalendarsToDelete">Calendars removed (only with <c>--prune</c>).</param>
internal sealed record DefinitionChangeSet(
    IReadOnlyList<CalendarDefinition> CalendarsToSave,
    IReadOnlyList<TaskDefinition> TasksToInsert,
    IReadOnlyList<(TaskDefinition Definition, long ExpectedVersion)> TasksToUpdate,
    IReadOnlyList<string> TasksToDelete,
    IReadOnlyList<string> CalendarsToDelete)
{
    public bool IsEmpty => CalendarsToSave.Count + TasksToInsert.Count + TasksToUpdate.Count + TasksToDelete.Count + CalendarsToDelete.Count == 0;
}
