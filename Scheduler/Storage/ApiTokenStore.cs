using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>API tokens over Dapper. Owner and host limits are stored comma-separated (names cannot hold commas).</summary>
internal sealed class ApiTokenStore(IDbConnectionFactory connections) : IApiTokenStore
{
    private const string SelectColumns =
        "SELECT id AS Id, name AS Name, token_hash AS TokenHash, role AS Role, owners AS Owners, hosts AS Hosts, created_at AS CreatedAt, " +
        "created_by AS CreatedBy, expires_at AS ExpiresAt, revoked_at AS RevokedAt FROM api_tokens";

    private const string InsertSql =
        "INSERT INTO api_tokens (id, name, token_hash, role, owners, hosts, created_at, created_by, expires_at, revoked_at) " +
        "VALUES (@Id, @Name, @TokenHash, @Role, @Owners, @Hosts, @CreatedAt, @CreatedBy, @ExpiresAt, NULL)";

    private const string RevokeSql = "UPDATE api_tokens SET revoked_at = @at WHERE name = @name AND revoked_at IS NULL";

    public async Task InsertAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = new
        {
            token.Id,
            token.Name,
            token.TokenHash,
            token.Role,
            Owners = Join(token.Owners),
            Hosts = Join(token.Hosts),
            CreatedAt = EpochMilliseconds.From(token.CreatedAt),
            token.CreatedBy,
            ExpiresAt = token.ExpiresAt is { } expires ? EpochMilliseconds.From(expires) : (long?)null,
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, cancellationToken: cancellationToken));
    }

    public async Task<ApiTokenRecord?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition($"{SelectColumns} WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"{SelectColumns} ORDER BY created_at, name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<int> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            new CommandDefinition(RevokeSql, new { name, at = EpochMilliseconds.From(at) }, cancellationToken: cancellationToken));
    }

    private static string? Join(IReadOnlyList<string> names) => names.Count == 0 ? null : string.Join(',', names);

    private static List<string> Split(string? names) =>
        string.IsNullOrEmpty(names) ? [] : [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private sealed class Row
    {
        public string Id { get; init; } = "";

        public string Name { get; init; } = "";

        public string TokenHash { get; init; } = "";

        public string Role { get; init; } = "";

        public string? Owners { get; init; }

        public string? Hosts { get; init; }

        public long CreatedAt { get; init; }

        public string CreatedBy { get; init; } = "";

        public long? ExpiresAt { get; init; }

        public long? RevokedAt { get; init; }

        public ApiTokenRecord ToRecord() => new(
            Id, Name, TokenHash, Role, Split(Owners), Split(Hosts), EpochMilliseconds.ToInstant(CreatedAt), CreatedBy,
            ExpiresAt is { } expires ? EpochMilliseconds.ToInstant(expires) : null,
            RevokedAt is { } revoked ? EpochMilliseconds.ToInstant(revoked) : null);
    }
}
