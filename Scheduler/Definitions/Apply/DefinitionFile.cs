namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>One file of a definitions folder as the CLI sends it: its path relative to the folder and its text.</summary>
internal sealed record DefinitionFile(string File, string Content);
