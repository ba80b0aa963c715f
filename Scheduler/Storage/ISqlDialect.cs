using System.Data.Common;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// The few places where the three databases need different SQL. Everything else is written once in
/// the stores. Flags need no entry here: every provider stores them as 0/1 integers.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>The engine this dialect speaks to.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>Folder under <c>deploy/sql</c> (and embedded resource prefix <c>sql/&lt;folder&gt;/</c>) holding the schema scripts.</summary>
    string ScriptFolder { get; }

    /// <summary>Creates <c>schema_version</c> when it is missing; safe to run on every start.</summary>
    string CreateSchemaVersionTableSql { get; }

    /// <summary>
    /// Run first inside every migration transaction so two schedulers starting together take turns;
    /// null when opening the transaction already excludes other writers.
    /// </summary>
    string? MigrationLockSql { get; }

    /// <summary>Splits a schema script into the batches the driver can execute one at a time.</summary>
    IReadOnlyList<string> SplitBatches(string script);

    /// <summary>True when the error is a unique or primary key violation.</summary>
    bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Inserts a row (parameters named like <paramref name="columns"/>) or, when <paramref name="keyColumn"/>
    /// already exists, applies <paramref name="updateAssignments"/>, in which <c>table.column</c> is the stored value.
    /// </summary>
    string Upsert(string table, string keyColumn, IReadOnlyList<string> columns, string updateAssignments);

    /// <summary>Inserts a row (parameters named like <paramref name="columns"/>) and selects its generated <paramref name="idColumn"/>.</summary>
    string InsertReturningId(string table, IReadOnlyList<string> columns, string idColumn);

    /// <summary>Clause placed after an ORDER BY to skip <paramref name="offsetParameter"/> rows and return <paramref name="limitParameter"/>.</summary>
    string Page(string offsetParameter, string limitParameter);
}
