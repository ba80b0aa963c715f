using System.Data.Common;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Tells a database that cannot be reached (worth waiting for) from one that refused this particular data
/// (a constraint, a value too long: waiting changes nothing).
/// </summary>
internal static class StoreOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        TimeoutException => true,
        Npgsql.PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal) || pg.SqlState == "40001" || pg.SqlState == "40P01",
        Npgsql.NpgsqlException => true,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14 or 15 or 26,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is not (2627 or 2601 or 8152 or 2628 or 547 or 245 or 8114 or 515),
        DbException => true,
        _ => false,
    };
}
