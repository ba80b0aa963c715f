using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>
/// Definitions as code: compares a folder of task and calendar files with what the server holds, per task and
/// calendar (<c>create</c>, <c>update</c> with its fields, <c>delete</c> only when pruning, <c>unchanged</c>), and
/// unless only planning writes every change in one transaction. Files are read by <see cref="DefinitionIntake"/>,
/// the watched folder's and the API's rules and messages; each problem names its file and field, and any problem
/// means nothing is written.
/// </summary>
internal sealed class ApplyPlanner(DefinitionIntake intake, ITaskStore tasks, ICalendarStore calendars, IDefinitionSetStore sets, ITaskChangeListener changes)
{
    public const string TaskKind = "task";
    public const string CalendarKind = "calendar";

    /// <summary>The plan (applied unless <paramref name="planOnly"/>), or the problems that stop it. <paramref name="refusal"/> says why the caller may not touch a task.</summary>
    public async Task<(ApplyResult? Result, IReadOnlyList<FieldError> Errors)> RunAsync(
        ApplyRequest request, bool planOnly, bool prune, string source, Func<TaskDefinition, string?> refusal, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var wantedCalendars = ReadCalendars(request.Calendars ?? [], errors);
        var wantedTasks = await ReadTasksAsync(request.Tasks ?? [], [.. wantedCalendars.Keys], errors, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var storedTasks = (await tasks.ListAsync(cancellationToken)).ToDictionary(t => t.Definition.Name, StringComparer.Ordinal);
        var storedCalendars = (await calendars.ListAsync(cancellationToken)).ToDictionary(c => c.Calendar.Name, StringComparer.Ordinal);
        var plan = new List<PlannedChange>();
        var (saveCalendars, insert, update, deleteTasks, deleteCalendars) =
            (new List<CalendarDefinition>(), new List<TaskDefinition>(), new List<(TaskDefinition, long)>(), new List<string>(), new List<string>());

        foreach (var (name, (calendar, _)) in wantedCalendars.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var fields = storedCalendars.TryGetValue(name, out var current) ? DefinitionDiff.Of(current.Calendar, calendar) : [];
            var action = current is null ? PlannedChange.Create : fields.Count > 0 ? PlannedChange.Update : PlannedChange.Unchanged;
            plan.Add(new(CalendarKind, name, action, fields));
            if (action != PlannedChange.Unchanged)
            {
                saveCalendars.Add(calendar);
            }
        }

        foreach (var (name, (definition, file)) in wantedTasks.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            storedTasks.TryGetValue(name, out var current);
            if (current is not null && current.Definition.Tid != definition.Tid)
            {
                errors.Add(new($"{file}: tid", $"must stay {current.Definition.Tid}: task \"{name}\" exists with tid {current.Definition.Tid}, and a task's tid cannot change"));
                continue;
            }

            if (current is null && storedTasks.Values.FirstOrDefault(t => t.Definition.Tid == definition.Tid) is { } owner && !(prune && !wantedTasks.ContainsKey(owner.Definition.Name)))
            {
                errors.Add(new($"{file}: tid", $"{definition.Tid} is already the tid of task \"{owner.Definition.Name}\"; give this task a tid of its own"));
                continue;
            }

            var fields = current is null ? [] : DefinitionDiff.Of(current.Definition, definition);
            var action = current is null ? PlannedChange.Create : fields.Count > 0 ? PlannedChange.Update : PlannedChange.Unchanged;
            if (action != PlannedChange.Unchanged && refusal(definition) is { } refused)
            {
                errors.Add(new($"{file}: {name}", refused));
            }

            plan.Add(new(TaskKind, name, action, fields));
            if (action == PlannedChange.Create)
            {
                insert.Add(definition);
            }
            else if (action == PlannedChange.Update)
            {
                update.Add((definition, current!.Version));
            }
        }

        if (prune)
        {
            PlanDeletions(wantedTasks, wantedCalendars, storedTasks, storedCalendars, refusal, plan, deleteTasks, deleteCalendars, errors);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var changeSet = new DefinitionChangeSet(saveCalendars, insert, update, deleteTasks, deleteCalendars);
        var applied = !planOnly && !changeSet.IsEmpty;
        if (applied)
        {
            await WriteAsync(changeSet, source, cancellationToken);
        }

        return (new ApplyResult(plan, !changeSet.IsEmpty, applied, source), []);
    }

    private static void PlanDeletions(
        Dictionary<string, (TaskDefinition Definition, string File)> wantedTasks,
        Dictionary<string, (CalendarDefinition Calendar, string File)> wantedCalendars,
        Dictionary<string, StoredTask> storedTasks,
        Dictionary<string, StoredCalendar> storedCalendars,
        Func<TaskDefinition, string?> refusal,
        List<PlannedChange> plan,
        List<string> deleteTasks,
        List<string> deleteCalendars,
        List<FieldError> errors)
    {
        foreach (var gone in storedTasks.Values.Where(t => !wantedTasks.ContainsKey(t.Definition.Name)).OrderBy(t => t.Definition.Name, StringComparer.Ordinal))
        {
            var name = gone.Definition.Name;
            var dependents = wantedTasks.Values.Where(w => w.Definition.DependsOn?.Any(d => d.Task == name) == true).Select(w => w.Definition.Name).ToList();
            if (dependents.Count > 0)
            {
                errors.Add(new(name, $"cannot be deleted: {string.Join(", ", dependents)} still depend on it; keep its file or remove the dependency"));
            }
            else if (refusal(gone.Definition) is { } refused)
            {
                errors.Add(new(name, refused));
            }

            plan.Add(new(TaskKind, name, PlannedChange.Delete, []));
            deleteTasks.Add(name);
        }

        foreach (var gone in storedCalendars.Keys.Where(name => !wantedCalendars.ContainsKey(name)).Order(StringComparer.Ordinal))
        {
            var users = wantedTasks.Values.Where(w => w.Definition.Calendar == gone).Select(w => w.Definition.Name).ToList();
            if (users.Count > 0)
            {
                errors.Add(new($"calendars/{gone}", $"cannot be deleted: {string.Join(", ", users)} still use it; keep its file"));
            }

            plan.Insert(plan.Count(p => p.Kind == CalendarKind), new(CalendarKind, gone, PlannedChange.Delete, []));
            deleteCalendars.Add(gone);
        }
    }

    private static Dictionary<string, (CalendarDefinition Calendar, string File)> ReadCalendars(IReadOnlyList<DefinitionFile> files, List<FieldError> errors)
    {
        var read = new Dictionary<string, (CalendarDefinition, string)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var outcome = string.IsNullOrWhiteSpace(file.Content)
                ? new ParseOutcome<CalendarDefinition>(null, [new FieldError("$", "the file is empty; it must hold a calendar as a JSON object")])
                : CalendarDefinitionJson.Check(file.Content);
            errors.AddRange(outcome.Errors.Select(e => new FieldError($"{file.File}: {e.Field}", e.Message)));
            if (outcome.Value is { } calendar && outcome.IsValid && !read.TryAdd(calendar.Name, (calendar, file.File)))
            {
                errors.Add(new($"{file.File}: name", $"calendar \"{calendar.Name}\" is also defined in {read[calendar.Name].Item2}; define each calendar once"));
            }
        }

        return read;
    }

    private async Task<Dictionary<string, (TaskDefinition Definition, string File)>> ReadTasksAsync(
        IReadOnlyList<DefinitionFile> files, IReadOnlyCollection<string> comingCalendars, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var read = new Dictionary<string, (TaskDefinition, string)>(StringComparer.Ordinal);
        var tids = new Dictionary<long, string>();

        // Every task of the folder is written in the same transaction, so one may depend on another in any file.
        var coming = files.SelectMany(f => string.IsNullOrWhiteSpace(f.Content) ? [] : TaskDefinitionJson.ParseMany(f.Content))
            .Select(o => o.Value?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var outcome in await intake.CheckManyAsync(file.Content, comingCalendars, cancellationToken, coming))
            {
                errors.AddRange(outcome.Errors.Select(e => new FieldError($"{file.File}: {e.Field}", e.Message)));
                if (outcome.Value is not { } definition || !outcome.IsValid)
                {
                    continue;
                }

                if (!read.TryAdd(definition.Name, (definition, file.File)))
                {
                    errors.Add(new($"{file.File}: name", $"task \"{definition.Name}\" is also defined in {read[definition.Name].Item2}; define each task once"));
                }
                else if (!tids.TryAdd(definition.Tid, definition.Name))
                {
                    errors.Add(new($"{file.File}: tid", $"{definition.Tid} is also the tid of task \"{tids[definition.Tid]}\"; each task needs its own tid"));
                }
            }
        }

        return read;
    }

    private async Task WriteAsync(DefinitionChangeSet changeSet, string source, CancellationToken cancellationToken)
    {
        var saved = await sets.ApplyAsync(changeSet, source, cancellationToken);
        if (changeSet.CalendarsToSave.Count + changeSet.CalendarsToDelete.Count > 0)
        {
            await changes.CalendarsChangedAsync(cancellationToken);
        }

        foreach (var stored in saved)
        {
            await changes.TaskSavedAsync(stored, cancellationToken);
        }

        foreach (var name in changeSet.TasksToDelete)
        {
            await changes.TaskDeletedAsync(name, cancellationToken);
        }
    }
}
