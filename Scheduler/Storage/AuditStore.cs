using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>The audit trail over Dapper: INSERT and SELECT only.</summary>
internal sealed class AuditStore(IDbConnectionFactory connections) : IAuditStore
{
    private const string InsertSql =
        "INSERT INTO audit_log (at, who, source, action, target, before_version, after_version, outcome, detail) " +
        "VALUES (@At, @Who, @Source, @Action, @Target, @BeforeVersion, @AfterVersion, @Outcome, @Detail)";

    private const string SelectSql =
        "SELECT id AS Id, at AS At, who AS Who, source AS Source, action AS Action, target AS Target, before_version AS BeforeVersion, " +
        "after_version AS AfterVersion, outcome AS Outcome, detail AS Detail FROM audit_log " +
        "WHERE (@since IS NULL OR at >= @since) AND (@who IS NULL OR who = @who) AND (@target IS NULL OR target = @target) ORDER BY id DESC ";

    public async Task AppendAsync(AuditRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = new
        {
            At = EpochMilliseconds.From(entry.At),
            Who = Cut(entry.Who, 200),
            Source = Cut(entry.Source, 200),
            Action = Cut(entry.Action, 100),
            Target = Cut(entry.Target, 300),
            entry.BeforeVersion,
            entry.AfterVersion,
            entry.Outcome,
            Detail = entry.Detail is null ? null : Cut(entry.Detail, 2000),
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new
        {
            since = query.Since is { } since ? EpochMilliseconds.From(since) : (long?)null,
            who = query.Who,
            target = query.Target,
            offset = 0,
            limit = Math.Clamp(query.Limit, 1, 10_000),
        };
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            SelectSql + connections.Dialect.Page("offset", "limit"), parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditRecord(r.Id, EpochMilliseconds.ToInstant(r.At), r.Who, r.Source, r.Action, r.Target,
            r.BeforeVersion, r.AfterVersion, (int)r.Outcome, r.Detail)).ToList();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed class Row
    {
        public long Id { get; init; }

        public long At { get; init; }

        public string Who { get; init; } = "";

        public string Source { get; init; } = "";

        public string Action { get; init; } = "";

        public string Target { get; init; } = "";

        public long? BeforeVersion { get; init; }

        public long? AfterVersion { get; init; }

        public long Outcome { get; init; }

        public string? Detail { get; init; }
    }
}
