namespace EasyTask.Scheduler.Scheduling;

/// <summary>A plain-words answer to "will it run / why didn't it run", one sentence per line.</summary>
internal sealed record Explanation(string Task, DateTimeOffset? At, IReadOnlyList<string> Lines);
