using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions;

/// <summary>
/// The one place a definition arriving from outside (API, CLI, watched folder) is read and checked,
/// so every door applies the same rules and gives the same messages.
/// </summary>
internal sealed class DefinitionIntake(StoredCalendarCatalog catalog)
{
    public async Task<ParseOutcome<TaskDefinition>> CheckAsync(string json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new(null, [new FieldError("$", "the body is empty; send a task definition as a JSON object")]);
        }

        var calendars = await catalog.LoadAsync(cancellationToken);
        return TaskDefinitionValidator.Check(json, calendars);
    }
}
