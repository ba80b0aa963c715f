namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>What <c>apply</c> does to one task or calendar: <c>create</c>, <c>update</c> (with its fields), <c>delete</c> or <c>unchanged</c>.</summary>
internal sealed record PlannedChange(string Kind, string Name, string Action, IReadOnlyList<FieldChange> Fields)
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Unchanged = "unchanged";
}
