namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Timestamps are stored as UTC unix epoch milliseconds on every provider: one representation that
/// sorts, compares and reads back the same on SQLite (which has no date type), PostgreSQL and SQL Server.
/// </summary>
internal static class EpochMilliseconds
{
    public static long From(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToInstant(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>The clock's now, cut to what the database keeps, so a value written and read back compares equal.</summary>
    public static long Now(TimeProvider time) => From(time.GetUtcNow());
}
