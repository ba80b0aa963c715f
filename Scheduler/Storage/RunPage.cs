namespace EasyTask.Scheduler.Storage;

/// <summary>A page of runs and how many runs match the filter in all.</summary>
internal sealed record RunPage(IReadOnlyList<RunRecord> Runs, long Total);
