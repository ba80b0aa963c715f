namespace EasyTask.Scheduler.Storage;

/// <summary>A row of <c>schema_version</c>: which script was applied, and when.</summary>
internal sealed record AppliedSchemaScript(int Version, string ScriptName, DateTimeOffset AppliedAt);
