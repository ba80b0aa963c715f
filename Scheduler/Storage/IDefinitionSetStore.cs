namespace EasyTask.Scheduler.Storage;

/// <summary>Writes a whole set of definition changes at once (<c>easytask apply</c>).</summary>
internal interface IDefinitionSetStore
{
    /// <summary>
    /// Applies every change in one transaction: either all are written or none. Throws
    /// <see cref="VersionConflictException"/> when a task changed since the plan was made, and
    /// <see cref="DuplicateTaskException"/> when a new task's tid or name was taken meanwhile.
    /// </summary>
    Task<IReadOnlyList<StoredTask>> ApplyAsync(DefinitionChangeSet changes, string source, CancellationToken cancellationToken);
}
