namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>One field of a definition that an <c>apply</c> changes; <c>null</c> means the field is not set.</summary>
internal sealed record FieldChange(string Field, string? From, string? To);
