namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>Body of <c>POST /api/v1/apply</c>: the folder's task files, its <c>calendars/</c> files, and where they came from.</summary>
internal sealed record ApplyRequest(IReadOnlyList<DefinitionFile>? Tasks, IReadOnlyList<DefinitionFile>? Calendars, string? Source);
