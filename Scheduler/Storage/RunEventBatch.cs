using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
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

    private static readonly (string Name, DbType Type)[] AttemptParameters =
    [
        ("runId", DbType.String), ("attempt", DbType.Int32), ("status", DbType.String), ("reason", DbType.String), ("returnCode", DbType.Int32),
        ("host", DbType.String), ("startedAt", DbType.Int64), ("finishedAt", DbType.Int64),
    ];

    private static readonly (string Name, DbType Type)[] OutputParameters =
    [
        ("runId", DbType.String), ("attempt", DbType.Int32), ("stream", DbType.String), ("sequence", DbType.Int64), ("text", DbType.String),
    ];

    // A run's events in one statement: its status moves, then the timeline rows written with them.
    private const string EventColumns = "run_id, attempt, at, actor, from_status, to_status, detail, event_type, severity";

    private static readonly (string Name, DbType Type)[] EventRowParameters =
    [
        ("runId", DbType.String), ("attempt", DbType.Int32), ("at", DbType.Int64), ("actor", DbType.String), ("fromStatus", DbType.String),
        ("toStatus", DbType.String), ("detail", DbType.String), ("type", DbType.String), ("severity", DbType.String),
    ];

    private static readonly ConcurrentDictionary<int, (string Sql, (string Name, DbType Type)[] Parameters)> EventRows = new();

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly long now;
    private readonly TimeProvider time;
    private readonly bool multiRow;
    private readonly RunEventSignal? signal;

    // Each statement's command is made on first use and run again for every later report of the batch.
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

    private RunEventBatch(DbConnection connection, DbTransaction transaction, TimeProvider time, bool multiRow, RunEventSignal? signal)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.time = time;
        this.now = EpochMilliseconds.Now(time);
        this.multiRow = multiRow;
        this.signal = signal;
    }

    public static async Task<RunEventBatch> BeginAsync(IDbConnectionFactory connections, TimeProvider time, RunEventSignal? signal, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // SQL Server does not promise that the rows of one multi-row INSERT take identities in the order listed, and a
            // timeline is read in id order: there each event keeps its own statement.
            return new RunEventBatch(connection, transaction, time, connections.Dialect.Provider != DatabaseProvider.SqlServer, signal);
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
        var row = await ReusedCommand.ReadRunAsync(Command(RunStore.FindSql, RunStore.FindParameters), cancellationToken, runId);
        return row?.ToRecord();
    }

    /// <summary>Applies the guarded transition and appends its event; the new state, or null when it was stale.</summary>
    public async Task<RunRecord?> TransitionAsync(RunChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var updated = await ReusedCommand.ExecuteAsync(Command(RunStore.TransitionSql, RunStore.TransitionParameterTypes), cancellationToken, RunStore.TransitionValues(change));
        if (updated == 0)
        {
            return null;
        }

        var row = await ReusedCommand.ReadRunAsync(Command(RunStore.FindSql, RunStore.FindParameters), cancellationToken, change.RunId)
            ?? throw new InvalidOperationException($"run {change.RunId} moved but cannot be read back in the same transaction");

        await AppendEventAsync(change.RunId, (int)row.Attempt, change, cancellationToken);
        return row.ToRecord();
    }

    /// <summary>
    /// Moves the run through several steps that arrived together (TRIGGER → STARTED → RUNNING → SUCCESS for a short
    /// run) with one guarded update of its row, and appends one event per step, so the timeline keeps every move.
    /// Returns the run's new state (worked out without reading it back), or null when the run had moved meanwhile.
    /// </summary>
    public Task<RunRecord?> MoveAsync(RunRecord run, IReadOnlyList<RunChange> steps, CancellationToken cancellationToken) =>
        MoveAsync(run, steps, [], cancellationToken);

    /// <summary>
    /// As <see cref="MoveAsync(RunRecord, IReadOnlyList{RunChange}, CancellationToken)"/>, and appends the typed
    /// <paramref name="timeline"/> events after the moves' own, in the same transaction: written only when the run moved.
    /// </summary>
    public async Task<RunRecord?> MoveAsync(RunRecord run, IReadOnlyList<RunChange> steps, IReadOnlyList<NewTimelineEvent> timeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(timeline);
        var last = steps[^1];
        var merged = new RunChange(run.RunId, run.Version, steps[0].From, last.To, last.Actor, last.Detail,
            Reason: steps.LastOrDefault(c => c.Reason is not null)?.Reason,
            ReturnCode: steps.LastOrDefault(c => c.ReturnCode is not null)?.ReturnCode,
            StartedAt: steps.LastOrDefault(c => c.StartedAt is not null)?.StartedAt,
            FinishedAt: steps.LastOrDefault(c => c.FinishedAt is not null)?.FinishedAt);
        var updated = await ReusedCommand.ExecuteAsync(Command(RunStore.TransitionSql, RunStore.TransitionParameterTypes), cancellationToken, RunStore.TransitionValues(merged));
        if (updated == 0)
        {
            return null;
        }

        await AppendEventsAsync(run, steps, timeline, cancellationToken);
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
        return ReusedCommand.ExecuteAsync(Command(InsertAttemptSql, AttemptParameters), cancellationToken,
            attempt.RunId, attempt.Attempt, attempt.Status.ToText(), attempt.Reason, attempt.ReturnCode, attempt.Host,
            attempt.StartedAt is { } s ? EpochMilliseconds.From(s) : null,
            attempt.FinishedAt is { } f ? EpochMilliseconds.From(f) : null);
    }

    /// <summary>Keeps one streamed output batch, unless it already is (a redelivery).</summary>
    public Task AppendOutputAsync(string runId, int attempt, string stream, long sequence, string text, CancellationToken cancellationToken)
    {
        return ReusedCommand.ExecuteAsync(Command(InsertOutputSql, OutputParameters), cancellationToken, runId, attempt, stream, sequence, text);
    }

    /// <summary>
    /// The moves' events, then the timeline's, in that order: in one statement (one round trip, one execution on the
    /// server) where the database keeps the listed order of a multi-row insert, one statement each on SQL Server.
    /// </summary>
    private async Task AppendEventsAsync(RunRecord run, IReadOnlyList<RunChange> steps, IReadOnlyList<NewTimelineEvent> timeline, CancellationToken cancellationToken)
    {
        // Timeline rows carry the time they are written, as monitoring's own writes do.
        var at = timeline.Count > 0 ? EpochMilliseconds.Now(time) : now;
        var typed = timeline.Select(e => new object?[] { e.RunId, e.Attempt, at, e.Actor, null, e.Status, e.Detail, e.Type, e.Severity }).ToList();
        if (!multiRow)
        {
            foreach (var step in steps)
            {
                await AppendEventAsync(run.RunId, run.Attempt, step, cancellationToken);
            }

            foreach (var row in typed)
            {
                await ReusedCommand.ExecuteAsync(Command(EventRowsStatement(1).Sql, EventRowParameters), cancellationToken, row);
            }

            return;
        }

        var rows = steps.Select(s => new object?[] { run.RunId, run.Attempt, now, s.Actor, s.From.ToText(), s.To.ToText(), s.Detail, null, null }).Concat(typed).ToList();
        var (sql, parameters) = EventRowsStatement(rows.Count);
        await ReusedCommand.ExecuteAsync(Command(sql, parameters), cancellationToken, [.. rows.SelectMany(r => r)]);
    }

    /// <summary>An INSERT of <paramref name="count"/> events, its parameters numbered per row (<c>@runId0</c>, <c>@runId1</c>, …).</summary>
    internal static (string Sql, (string Name, DbType Type)[] Parameters) EventRowsStatement(int count) => EventRows.GetOrAdd(count, n =>
    {
        var values = Enumerable.Range(0, n).Select(i => "(" + string.Join(", ", EventRowParameters.Select(p => $"@{p.Name}{i}")) + ")");
        var parameters = Enumerable.Range(0, n).SelectMany(i => EventRowParameters.Select(p => ($"{p.Name}{i}", p.Type))).ToArray();
        return ($"INSERT INTO run_events ({EventColumns}) VALUES {string.Join(", ", values)}", parameters);
    });

    private Task<int> AppendEventAsync(string runId, int attempt, RunChange step, CancellationToken cancellationToken) =>
        ReusedCommand.ExecuteAsync(Command(RunStore.EventSql, RunStore.EventParameters), cancellationToken,
            runId, attempt, now, step.Actor, step.From.ToText(), step.To.ToText(), step.Detail);

    private DbCommand Command(string sql, (string Name, DbType Type)[] parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = ReusedCommand.Create(connection, transaction, sql, parameters);
            commands.Add(sql, command);
        }

        return command;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        signal?.Ring();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
