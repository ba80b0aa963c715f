namespace EasyTask.Scheduler.Storage;

/// <summary>One numbered schema script, e.g. version 1 from <c>001_initial.sql</c>.</summary>
internal sealed record SchemaScript(int Version, string Name, string Text);
