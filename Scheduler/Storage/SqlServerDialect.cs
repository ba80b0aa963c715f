using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace EasyTask.Scheduler.Storage;

/// <summary>SQL Server 2016 or later, Azure SQL.</summary>
internal sealed partial class SqlServerDialect : ISqlDialect
{
    // 2627: violation of a PRIMARY KEY or UNIQUE constraint; 2601: duplicate key in a unique index.
    private const int UniqueConstraintViolation = 2627;
    private const int UniqueIndexViolation = 2601;

    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string ScriptFolder => "sqlserver";

    public string CreateSchemaVersionTableSql =>
        """
        IF OBJECT_ID(N'schema_version', N'U') IS NULL
            CREATE TABLE schema_version (
                version     INT           NOT NULL CONSTRAINT pk_schema_version PRIMARY KEY,
                script_name NVARCHAR(255) NOT NULL,
                applied_at  BIGINT        NOT NULL
            )
        """;

    // An application lock owned by the transaction: released by commit or rollback. A negative
    // result means it was not granted in time, which must stop the migration, not run it unlocked.
    public string? MigrationLockSql =>
        """
        DECLARE @granted INT;
        EXEC @granted = sp_getapplock @Resource = N'easytask_schema_migration', @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = 60000;
        IF @granted < 0
            THROW 50000, N'another easytask has been migrating this database for over 60 seconds; try again when it is done', 1;
        """;

    // GO is a client-side separator (sqlcmd, SSMS), not T-SQL: the server would reject it.
    public IReadOnlyList<string> SplitBatches(string script) =>
        GoLine().Split(script).Where(batch => !string.IsNullOrWhiteSpace(batch)).Select(batch => batch.Trim()).ToList();

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: UniqueConstraintViolation or UniqueIndexViolation };

    // HOLDLOCK: without it two MERGEs for the same new key can both take the insert branch.
    public string Upsert(string table, string keyColumn, IReadOnlyList<string> columns, string updateAssignments) =>
        $"MERGE {table} WITH (HOLDLOCK) USING (SELECT @{keyColumn} AS {keyColumn}) AS incoming " +
        $"ON {table}.{keyColumn} = incoming.{keyColumn} " +
        $"WHEN MATCHED THEN UPDATE SET {updateAssignments} " +
        $"WHEN NOT MATCHED THEN INSERT ({SqlText.Columns(columns)}) VALUES ({SqlText.Parameters(columns)});";

    public string InsertReturningId(string table, IReadOnlyList<string> columns, string idColumn) =>
        $"INSERT INTO {table} ({SqlText.Columns(columns)}) OUTPUT INSERTED.{idColumn} VALUES ({SqlText.Parameters(columns)})";

    public string Page(string offsetParameter, string limitParameter) =>
        $"OFFSET @{offsetParameter} ROWS FETCH NEXT @{limitParameter} ROWS ONLY";

    [GeneratedRegex(@"^[ \t]*GO[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoLine();
}
