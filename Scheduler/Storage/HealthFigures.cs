namespace EasyTask.Scheduler.Storage;

/// <summary>The database's side of the health view.</summary>
internal sealed record HealthFigures(
    IReadOnlyDictionary<string, int> QueueByHost,
    IReadOnlyDictionary<string, int> LastHour,
    IReadOnlyDictionary<string, int> LastDay,
    IReadOnlyList<long> DurationsMsLastDay,
    int FailedListSize,
    int AlertsUndelivered);
