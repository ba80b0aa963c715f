using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EasyTask.Scheduler.Storage;

/// <summary>SQLite 3.35 or later (RETURNING, upsert).</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    // SQLITE_CONSTRAINT, and its extended codes for UNIQUE and PRIMARY KEY: tasks.tid is the
    // primary key, so a duplicate tid reports 1555, not 2067.
    private const int ConstraintError = 19;
    private const int UniqueConstraint = 2067;
    private const int PrimaryKeyConstraint = 1555;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ScriptFolder => "sqlite";

    public string CreateSchemaVersionTableSql =>
        """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER NOT NULL PRIMARY KEY,
            script_name TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        )
        """;

    // Transactions open with BEGIN IMMEDIATE (the Microsoft.Data.Sqlite default), which takes the
    // database's write lock at once; a second migrator waits on the busy timeout.
    public string? MigrationLockSql => null;

    public IReadOnlyList<string> SplitBatches(string script) => SqlText.SingleBatch(script);

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: ConstraintError } sqlite
        && sqlite.SqliteExtendedErrorCode is UniqueConstraint or PrimaryKeyConstraint;

    public string Upsert(string table, string keyColumn, IReadOnlyList<string> columns, string updateAssignments) =>
        $"INSERT INTO {table} ({SqlText.Columns(columns)}) VALUES ({SqlText.Parameters(columns)}) " +
        $"ON CONFLICT ({keyColumn}) DO UPDATE SET {updateAssignments}";

    public string InsertReturningId(string table, IReadOnlyList<string> columns, string idColumn) =>
        $"INSERT INTO {table} ({SqlText.Columns(columns)}) VALUES ({SqlText.Parameters(columns)}) RETURNING {idColumn}";

    public string Page(string offsetParameter, string limitParameter) => $"LIMIT @{limitParameter} OFFSET @{offsetParameter}";
}
