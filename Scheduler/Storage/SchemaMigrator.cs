using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Brings the database schema up to date (<c>easytask db migrate</c>, and every scheduler start):
/// applies the embedded scripts not yet recorded in <c>schema_version</c>, in version order, each in its
/// own transaction together with its <c>schema_version</c> row, so a failing script leaves no trace.
/// Concurrent migrators queue on a database lock; the later one finds the work done.
/// </summary>
internal sealed class SchemaMigrator(IDbConnectionFactory connections, TimeProvider time, ILogger<SchemaMigrator> logger)
{
    private const string AppliedSql = "SELECT COUNT(*) FROM schema_version WHERE version = @version";

    private const string RecordSql =
        "INSERT INTO schema_version (version, script_name, applied_at) VALUES (@version, @scriptName, @appliedAt)";

    private const string ListSql =
        "SELECT version AS Version, script_name AS ScriptName, applied_at AS AppliedAt FROM schema_version ORDER BY version";

    // Schema changes on a large runs table can outlast the 30-second default command timeout.
    private const int ScriptTimeoutSeconds = 600;

    private ISqlDialect Dialect => connections.Dialect;

    /// <summary>The embedded scripts of this database's provider, in version order.</summary>
    public IReadOnlyList<SchemaScript> Scripts => SchemaScripts.Load(Dialect.ScriptFolder);

    /// <summary>Applies the embedded scripts that are missing; returns the names of those it applied (none when up to date).</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(Scripts, cancellationToken);

    /// <summary>Applies the given scripts that are missing; returns the names of those it applied.</summary>
    internal async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await EnsureVersionTableAsync(connection, cancellationToken);
        var applied = new List<string>();
        foreach (var script in scripts.OrderBy(s => s.Version))
        {
            if (await ApplyAsync(connection, script, cancellationToken))
            {
                applied.Add(script.Name);
            }
        }

        return applied;
    }

    /// <summary>The scripts recorded in <c>schema_version</c>, oldest first.</summary>
    public async Task<IReadOnlyList<AppliedSchemaScript>> ListAppliedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await EnsureVersionTableAsync(connection, cancellationToken);
        var rows = await connection.QueryAsync<(long Version, string ScriptName, long AppliedAt)>(
            new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return rows.Select(r => new AppliedSchemaScript(checked((int)r.Version), r.ScriptName, EpochMilliseconds.ToInstant(r.AppliedAt))).ToList();
    }

    private async Task EnsureVersionTableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Dialect.CreateSchemaVersionTableSql, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> ApplyAsync(DbConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);

        // Checked under the lock: a migrator that waited behind another sees that one's work.
        var done = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(AppliedSql, new { version = script.Version }, transaction, cancellationToken: cancellationToken));
        if (done > 0)
        {
            return false;
        }

        try
        {
            foreach (var batch in Dialect.SplitBatches(script.Text))
            {
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, commandTimeout: ScriptTimeoutSeconds, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                RecordSql,
                new { version = script.Version, scriptName = script.Name, appliedAt = EpochMilliseconds.Now(time) },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException($"schema script {script.Name} failed and was rolled back, nothing of it applied: {ex.Message}", ex);
        }

        logger.LogInformation("Applied schema script {ScriptName} (version {Version})", script.Name, script.Version);
        return true;
    }

    private async Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Dialect.MigrationLockSql is { } lockSql)
        {
            await connection.ExecuteAsync(new CommandDefinition(lockSql, transaction: transaction, cancellationToken: cancellationToken));
        }
    }
}
