using System.Data;
using System.Data.Common;
using Dapper;
using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Many agent reports written in one transaction: reads see the batch's own writes, and nothing is visible to
/// anyone (nor acknowledged to an agent) until <see cref="CommitAsync"/>. Disposing without a commit rolls back.
/// Inserts that may repeat (a redelivered result or output) are skipped in SQL, never by catching a unique
/// violation: on PostgreSQL a failed statement would abort the whole batch.
/// </summary>
internal sealed class RunEventBatch : IAsyncDisposable
{
    private const string InsertAttemptSql =
        "INSERT INTO run_attempts (run_id, attempt, status, reason, return_code, host, started_at, finished_at) " +
        "SELECT @runId, @attempt, @status, @reason, @returnCode, @host, @startedAt, @finishedAt " +
        "WHERE NOT EXISTS (SELECT 1 FROM run_attempts WHERE run_id = @runId AND attempt = @attempt)";

    private const string InsertOutputSql =
        "INSERT INTO run_output (run_id, attempt, stream, seq, content) SELECT @runId, @attempt, @stream, @sequence, @text " +
        "WHERE NOT EXISTS (SELECT 1 FROM run_output WHERE run_id = @runId AND attempt = @attempt AND stream = @stream AND seq = @sequence)";

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly long now;
    private readonly RunEventSignal? signal;

    private RunEventBatch(DbConnection connection, DbTransaction transaction, long now, RunEventSignal? signal)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.now = now;
        this.signal = signal;
    }

    public static async Task<RunEventBatch> BeginAsync(IDbConnectionFactory connections, TimeProvider time, RunEventSignal? signal, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new RunEventBatch(connection, transaction, EpochMilliseconds.Now(time), signal);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The run as this batch sees it (including its own earlier writes), or null.</summary>
    public async Task<RunRecord?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(RunStore.FindSql, new { runId }, transaction, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>Applies the guarded transition and appends its event; the new state, or null when it was stale.</summary>
    public async Task<RunRecord?> TransitionAsync(RunChange change, CancellationToken cancellationToken)
    {
        var updated = await connection.ExecuteAsync(new CommandDefinition(RunStore.TransitionSql, RunStore.TransitionParameters(change), transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return null;
        }

        var row = await connection.QuerySingleAsync<RunRow>(new CommandDefinition(RunStore.FindSql, new { runId = change.RunId }, transaction, cancellationToken: cancellationToken));
        var parameters = new DynamicParameters();
        parameters.Add("runId", change.RunId, DbType.String);
        parameters.Add("attempt", (int)row.Attempt, DbType.Int32);
        parameters.Add("at", now, DbType.Int64);
        parameters.Add("actor", change.Actor, DbType.String);
        parameters.Add("fromStatus", change.From.ToText(), DbType.String);
        parameters.Add("toStatus", change.To.ToText(), DbType.String);
        parameters.Add("detail", change.Detail, DbType.String);
        await connection.ExecuteAsync(new CommandDefinition(RunStore.EventSql, parameters, transaction, cancellationToken: cancellationToken));
        return row.ToRecord();
    }

    /// <summary>
    /// Moves the run through several steps that arrived together (TRIGGER → STARTED → RUNNING → SUCCESS for a short
    /// run) with one guarded update of its row, and appends one event per step, so the timeline keeps every move.
    /// Returns the run's new state (worked out without reading it back), or null when the run had moved meanwhile.
    /// </summary>
    public async Task<RunRecord?> MoveAsync(RunRecord run, IReadOnlyList<RunChange> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(steps);
        var last = steps[^1];
        var merged = new RunChange(run.RunId, run.Version, steps[0].From, last.To, last.Actor, last.Detail,
            Reason: steps.LastOrDefault(c => c.Reason is not null)?.Reason,
            ReturnCode: steps.LastOrDefault(c => c.ReturnCode is not null)?.ReturnCode,
            StartedAt: steps.LastOrDefault(c => c.StartedAt is not null)?.StartedAt,
            FinishedAt: steps.LastOrDefault(c => c.FinishedAt is not null)?.FinishedAt);
        var updated = await connection.ExecuteAsync(new CommandDefinition(RunStore.TransitionSql, RunStore.TransitionParameters(merged), transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return null;
        }

        foreach (var step in steps)
        {
            var parameters = new DynamicParameters();
            parameters.Add("runId", run.RunId, DbType.String);
            parameters.Add("attempt", run.Attempt, DbType.Int32);
            parameters.Add("at", now, DbType.Int64);
            parameters.Add("actor", step.Actor, DbType.String);
            parameters.Add("fromStatus", step.From.ToText(), DbType.String);
            parameters.Add("toStatus", step.To.ToText(), DbType.String);
            parameters.Add("detail", step.Detail, DbType.String);
            await connection.ExecuteAsync(new CommandDefinition(RunStore.EventSql, parameters, transaction, cancellationToken: cancellationToken));
        }

        return run with
        {
            Status = merged.To,
            Version = run.Version + 1,
            Reason = merged.Reason ?? run.Reason,
            ReturnCode = merged.ReturnCode ?? run.ReturnCode,
            StartedAt = merged.StartedAt ?? run.StartedAt,
            FinishedAt = merged.FinishedAt ?? run.FinishedAt,
            NotBefore = null,
        };
    }

    /// <summary>Records how an attempt ended, unless it already is.</summary>
    public Task RecordAttemptAsync(RunAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var parameters = new DynamicParameters();
        parameters.Add("runId", attempt.RunId, DbType.String);
        parameters.Add("attempt", attempt.Attempt, DbType.Int32);
        parameters.Add("status", attempt.Status.ToText(), DbType.String);
        parameters.Add("reason", attempt.Reason, DbType.String);
        parameters.Add("returnCode", attempt.ReturnCode, DbType.Int32);
        parameters.Add("host", attempt.Host, DbType.String);
        parameters.Add("startedAt", attempt.StartedAt is { } s ? EpochMilliseconds.From(s) : null, DbType.Int64);
        parameters.Add("finishedAt", attempt.FinishedAt is { } f ? EpochMilliseconds.From(f) : null, DbType.Int64);
        return connection.ExecuteAsync(new CommandDefinition(InsertAttemptSql, parameters, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Keeps one streamed output batch, unless it already is (a redelivery).</summary>
    public Task AppendOutputAsync(string runId, int attempt, string stream, long sequence, string text, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("runId", runId, DbType.String);
        parameters.Add("attempt", attempt, DbType.Int32);
        parameters.Add("stream", stream, DbType.String);
        parameters.Add("sequence", sequence, DbType.Int64);
        parameters.Add("text", text, DbType.String);
        return connection.ExecuteAsync(new CommandDefinition(InsertOutputSql, parameters, transaction, cancellationToken: cancellationToken));
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        signal?.Ring();
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
