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

        if (UnknownUpstream("", outcome.Value!, _ => false).ToList() is { Count: > 0 } unknown)
        {
            return outcome with { Errors = unknown };
        }

        var cycle = DependencyCycles.Find(outcome.Value!, name => registry.Find(name)?.Definition.DependsOn?.Select(d => d.Task) ?? []);
        return cycle is null ? outcome : outcome with { Errors = [CycleError("", cycle)] };
    }

    /// <summary>
    /// Checks a file holding one definition or an array of them (fields of an array item are prefixed
    /// <c>[i].</c>). Items of the file see each other: a name or tid given twice is an error, and a
    /// dependency cycle closed by the file's own items is found as well as one closed by stored tasks.
    /// </summary>
    public Task<IReadOnlyList<ParseOutcome<TaskDefinition>>> CheckManyAsync(string json, CancellationToken cancellationToken) =>
        CheckManyAsync(json, [], cancellationToken);

    /// <summary>
    /// As <see cref="CheckManyAsync(string, CancellationToken)"/>, with <paramref name="comingCalendars"/> and
    /// <paramref name="comingTasks"/> counted as known: calendars and tasks of other files of the same <c>apply</c>,
    /// written in the same transaction.
    /// </summary>
    public async Task<IReadOnlyList<ParseOutcome<TaskDefinition>>> CheckManyAsync(
        string json, IReadOnlyCollection<string> comingCalendars, CancellationToken cancellationToken, IReadOnlySet<string>? comingTasks = null)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [new(null, [new FieldError("$", "the file is empty; it must hold a task definition (a JSON object) or an array of them")])];
        }

        var calendars = comingCalendars.Count == 0 ? await catalog.LoadAsync(cancellationToken) : await catalog.LoadAsync(comingCalendars, cancellationToken);
        var outcomes = TaskDefinitionValidator.CheckMany(json, calendars).ToList();
        var isArray = json.TrimStart().StartsWith('[');
        var inFile = outcomes.Where(o => o.Value is not null).Select(o => o.Value!)
            .GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        IEnumerable<string> UpstreamOf(string name) => inFile.TryGetValue(name, out var sibling)
            ? (sibling.DependsOn ?? []).Select(d => d.Task)
            : registry.Find(name)?.Definition.DependsOn?.Select(d => d.Task) ?? [];

        for (var i = 0; i < outcomes.Count; i++)
        {
            var prefix = isArray ? $"[{i}]." : "";
            if (outcomes[i].Value is not { } definition)
            {
                continue;
            }

            var errors = new List<FieldError>(outcomes[i].Errors);
            if (FirstIndexOf(outcomes, i, d => d.Name == definition.Name) is { } sameName)
            {
                errors.Add(new($"{prefix}name", $"\"{definition.Name}\" is already defined at [{sameName}]; a file may define each task once"));
            }

            if (FirstIndexOf(outcomes, i, d => d.Tid == definition.Tid) is { } sameTid)
            {
                errors.Add(new($"{prefix}tid", $"{definition.Tid} is already used at [{sameTid}]; each task needs its own tid"));
            }

            errors.AddRange(UnknownUpstream(prefix, definition, name => inFile.ContainsKey(name) || comingTasks?.Contains(name) == true));
            if (errors.Count == 0 && DependencyCycles.Find(definition, UpstreamOf) is { } cycle)
            {
                errors.Add(CycleError(prefix, cycle));
            }

            outcomes[i] = outcomes[i] with { Errors = errors };
        }

        return outcomes;
    }

    private static int? FirstIndexOf(List<ParseOutcome<TaskDefinition>> outcomes, int before, Func<TaskDefinition, bool> match)
    {
        for (var j = 0; j < before; j++)
        {
            if (outcomes[j].Value is { } earlier && match(earlier))
            {
                return j;
            }
        }

        return null;
    }

    /// <summary>An upstream must exist (stored, or defined in the same file), as a calendar must: a dangling dependency would wait forever.</summary>
    private IEnumerable<FieldError> UnknownUpstream(string prefix, TaskDefinition definition, Func<string, bool> inFile) =>
        (definition.DependsOn ?? [])
            .Select((d, j) => (d.Task, j))
            .Where(d => d.Task != definition.Name && registry.Find(d.Task) is null && !inFile(d.Task))
            .Select(d => new FieldError(
                $"{prefix}depends_on[{d.j}].task",
                $"\"{d.Task}\" is not a known task; insert it first (or in the same file), or remove it from depends_on"));

    private static FieldError CycleError(string prefix, IReadOnlyList<string> cycle) =>
        new($"{prefix}depends_on", $"would form a dependency cycle: {string.Join(" → ", cycle)}; a task cannot wait, directly or through others, for itself");
}
