using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Definitions;

/// <summary>
/// The one place a definition arriving from outside (API, CLI, watched folder) is read and checked,
/// so every door applies the same rules and gives the same messages: the definition's own rules, its
/// calendar against the calendars the scheduler knows, and its dependencies against the other tasks.
/// </summary>
internal sealed class DefinitionIntake(StoredCalendarCatalog catalog, TaskRegistry registry)
{
    public async Task<ParseOutcome<TaskDefinition>> CheckAsync(string json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new(null, [new FieldError("$", "the body is empty; send a task definition as a JSON object")]);
        }

        var calendars = await catalog.LoadAsync(cancellationToken);
        var outcome = TaskDefinitionValidator.Check(json, calendars);
        if (!outcome.IsValid)
        {
            return outcome;
        }

        var cycle = DependencyCycles.Find(outcome.Value!, name => registry.Find(name)?.Definition.DependsOn?.Select(d => d.Task) ?? []);
        return cycle is null
            ? outcome
            : outcome with { Errors = [new FieldError("depends_on", $"would form a dependency cycle: {string.Join(" → ", cycle)}; a task cannot wait, directly or through others, for itself")] };
    }
}
