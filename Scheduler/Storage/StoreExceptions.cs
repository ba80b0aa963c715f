namespace EasyTask.Scheduler.Storage;

/// <summary>The tid or name of a task is already taken.</summary>
internal sealed class DuplicateTaskException(string message) : Exception(message);

/// <summary>No task of that name exists.</summary>
internal sealed class TaskNotFoundException(string name) : Exception($"no task named \"{name}\"")
{
    public string Name { get; } = name;
}

/// <summary>The row changed since the caller read it: the caller's version is stale.</summary>
internal sealed class VersionConflictException(string name, long expected, long actual)
    : Exception($"task \"{name}\" is at version {actual}, not {expected}: it changed since you read it; read it again and retry")
{
    public long ActualVersion { get; } = actual;
}
