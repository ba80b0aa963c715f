using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// Applies a task file: every definition is checked first (the API's rules, plus the file's own
/// consistency) and nothing is written unless all pass; then each is inserted, or updated when a task
/// of that name exists. Store failures are thrown, not reported as errors, so the file is kept for a retry.
/// </summary>
internal sealed class TaskFileImporter(DefinitionChanges changes, ITaskStore store, TaskRegistry registry, ILogger<TaskFileImporter> log)
{
    /// <summary>Most definitions one watched-folder file may hold.</summary>
    public const int MaxDefinitions = 10_000;

    /// <summary>The file's problems (nothing was written, and the refusal is audited), or an empty list when every definition was applied.</summary>
    public async Task<IReadOnlyList<FieldError>> ImportAsync(string json, string file, CancellationToken cancellationToken)
    {
        var actor = ChangeActor.WatchedFolder(file);
        var errors = await CheckAndApplyAsync(json, actor, cancellationToken);
        if (errors.Count > 0)
        {
            await changes.RefusedAsync(actor, "task file", errors);
        }

        return errors;
    }

    private async Task<IReadOnlyList<FieldError>> CheckAndApplyAsync(string json, ChangeActor actor, CancellationToken cancellationToken)
    {
        var outcomes = await changes.CheckTasksAsync(json, cancellationToken);
        if (outcomes.Count > MaxDefinitions)
        {
            return [new FieldError("$", $"the file holds {outcomes.Count} definitions; at most {MaxDefinitions} per file (split it)")];
        }

        var errors = outcomes.SelectMany(o => o.Errors).ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        var prefix = json.TrimStart().StartsWith('[');
        var plan = new List<(TaskDefinition Definition, StoredTask? Current, string Prefix)>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var current = await store.FindAsync(outcomes[i].Value!.Name, cancellationToken);
            var definition = OperatorState.Keep(json, i, outcomes[i].Value!, current);
            var field = prefix ? $"[{i}]." : "";
            errors.AddRange(IdentityErrors(definition, current, field));
            plan.Add((definition, current, field));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var (definition, current, field) in plan)
        {
            if (await ApplyAsync(definition, current, field, actor, cancellationToken) is { } clash)
            {
                return [clash];
            }
        }

        return [];
    }

    /// <summary>A task is matched by name, and its tid is kept for life; a new task needs a tid nobody uses.</summary>
    private IEnumerable<FieldError> IdentityErrors(TaskDefinition definition, StoredTask? current, string field)
    {
        if (current is not null && current.Definition.Tid != definition.Tid)
        {
            yield return new($"{field}tid", $"must stay {current.Definition.Tid}: task \"{definition.Name}\" exists with tid {current.Definition.Tid}, and a task's tid cannot change");
        }

        if (current is null && registry.Find(definition.Tid) is { } owner && owner.Name != definition.Name)
        {
            yield return new($"{field}tid", $"{definition.Tid} is already the tid of task \"{owner.Name}\"; give this task a tid of its own");
        }
    }

    /// <summary>Writes one definition and tells the engine; returns the error when another writer took its name or tid meanwhile.</summary>
    private async Task<FieldError?> ApplyAsync(TaskDefinition definition, StoredTask? current, string field, ChangeActor actor, CancellationToken cancellationToken)
    {
        var source = actor.Source;
        StoredTask stored;
        if (current is null)
        {
            try
            {
                stored = await changes.InsertTaskAsync(definition, actor, cancellationToken);
            }
            catch (DuplicateTaskException ex)
            {
                var nameTaken = await store.FindAsync(definition.Name, cancellationToken) is not null;
                return new($"{field}{(nameTaken ? "name" : "tid")}", ex.Message);
            }

            WatchLog.TaskInserted(log, definition.Tid, definition.Name, stored.Version, source);
        }
        else if (TaskDefinitionJson.Serialize(definition) == TaskDefinitionJson.Serialize(current.Definition))
        {
            // The same file dropped again (or retried after a failure part-way) changes nothing, not even the version.
            WatchLog.TaskUnchanged(log, definition.Tid, definition.Name, current.Version, source);
            return null;
        }
        else
        {
            stored = await changes.UpdateTaskAsync(definition.Name, definition, current.Version, actor, cancellationToken);
            WatchLog.TaskUpdated(log, definition.Tid, definition.Name, stored.Version, source);
        }

        return null;
    }
}
