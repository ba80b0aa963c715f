using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

internal static partial class TaskEndpoints
{
    /// <summary>
    /// Replaces a definition. The caller's version (If-Match header or <c>?version=</c>) guards against
    /// overwriting a change made since it read the task; without one the current version is replaced.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string name, HttpRequest request, DefinitionChanges changes, ITaskStore store, Agents.TaskWarnings warnings, ILogger<TaskResource> log, CancellationToken ct)
    {
        if (!TryReadExpectedVersion(request, out var expected))
        {
            return ApiProblems.Invalid("If-Match", "must hold the task's version as shown by GET (e.g. \"3\")");
        }

        var body = await ReadBodyAsync(request, ct);
        var outcome = await changes.CheckTaskAsync(body, ct);
        if (!outcome.IsValid)
        {
            return ApiProblems.Invalid(outcome.Errors);
        }

        var current = await store.FindAsync(name, ct);
        if (current is null)
        {
            return ApiProblems.NotFound($"no task named \"{name}\"");
        }

        var definition = OperatorState.Keep(body, 0, outcome.Value!, current);
        if ((Security.AccessScope.Check(request.HttpContext, current.Definition.TaskOwner, current.Definition.RunOnHost)
            ?? Security.AccessScope.Check(request.HttpContext, definition.TaskOwner, definition.RunOnHost)) is { } refused)
        {
            return refused;
        }

        if (definition.Name != current.Definition.Name)
        {
            return ApiProblems.Invalid("name", $"must stay \"{current.Definition.Name}\": the URL names the task being updated; to rename, insert a new task and delete this one");
        }

        if (definition.Tid != current.Definition.Tid)
        {
            return ApiProblems.Invalid("tid", $"must stay {current.Definition.Tid}: a task's tid cannot change");
        }

        try
        {
            var stored = await changes.UpdateTaskAsync(name, definition, expected ?? current.Version, new ChangeActor(ChangeSource.Of(request)), ct);
            LogUpdated(log, stored.Definition.Tid, name, stored.Version, stored.Source);
            request.HttpContext.Response.Headers.ETag = ETagOf(stored.Version);
            return Results.Ok(TaskResource.From(stored) with { Warnings = await warnings.ForAsync(stored.Definition, ct) });
        }
        catch (VersionConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (TaskNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (DuplicateTaskException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    private static bool TryReadExpectedVersion(HttpRequest request, out long? version)
    {
        version = null;
        var text = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            text = request.Query["version"].ToString();
        }

        text = text.Trim().TrimStart('W', '/').Trim('"');
        if (text.Length == 0 || text == "*")
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task updated: tid {Tid} name {TaskName} now version {Version} by {Source}")]
    private static partial void LogUpdated(ILogger logger, long tid, string taskName, long version, string source);
}
