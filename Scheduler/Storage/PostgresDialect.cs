using System.Data.Common;
using Npgsql;

namespace EasyTask.Scheduler.Storage;

/// <summary>PostgreSQL 13 or later.</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    // Any fixed number works as long as every EasyTask uses the same one: it names the advisory
    // lock that migrators queue on. The digits spell "EASYTASK" on a phone keypad.
    private const long MigrationLockKey = 32798275;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ScriptFolder => "postgres";

    public string CreateSchemaVersionTableSql =>
        """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER      NOT NULL PRIMARY KEY,
            script_name VARCHAR(255) NOT NULL,
            applied_at  BIGINT       NOT NULL
        )
        """;

    // Released by commit or rollback. Without it two CREATE TABLE IF NOT EXISTS racing each other
    // can still fail on the catalog's unique index.
    public string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    public IReadOnlyList<string> SplitBatches(string script) => SqlText.SingleBatch(script);

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public string Upsert(string table, string keyColumn, IReadOnlyList<string> columns, string updateAssignments) =>
        $"INSERT INTO {table} ({SqlText.Columns(columns)}) VALUES ({SqlText.Parameters(columns)}) " +
        $"ON CONFLICT ({keyColumn}) DO UPDATE SET {updateAssignments}";

    public string InsertReturningId(string table, IReadOnlyList<string> columns, string idColumn) =>
        $"INSERT INTO {table} ({SqlText.Columns(columns)}) VALUES ({SqlText.Parameters(columns)}) RETURNING {idColumn}";

    public string Page(string offsetParameter, string limitParameter) => $"LIMIT @{limitParameter} OFFSET @{offsetParameter}";
}
