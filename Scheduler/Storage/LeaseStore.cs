using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// The leader lease and the member list over Dapper. Taking and renewing are single guarded UPDATEs, so two
/// schedulers racing for an expired lease cannot both win: the row changes for one of them only.
/// </summary>
internal sealed class LeaseStore(IDbConnectionFactory connections)
{
    public const string Name = "scheduler";

    private const string Columns = "holder AS Holder, epoch AS Epoch, acquired_at AS AcquiredAt, renewed_at AS RenewedAt, expires_at AS ExpiresAt";

    private const string ReadSql = "SELECT " + Columns + " FROM cluster_lease WHERE name = @name";

    // A new holder takes the next epoch; only a lease nobody holds, or one past its expiry, can be taken.
    private const string TakeSql =
        "UPDATE cluster_lease SET holder = @me, epoch = epoch + 1, acquired_at = @now, renewed_at = @now, expires_at = @expires " +
        "WHERE name = @name AND (holder IS NULL OR expires_at < @now)";

    // Renewal only by the holder of that very epoch: a paused old leader can never extend a lease taken over since.
    private const string RenewSql =
        "UPDATE cluster_lease SET renewed_at = @now, expires_at = @expires WHERE name = @name AND holder = @me AND epoch = @epoch";

    private const string ReleaseSql =
        "UPDATE cluster_lease SET holder = NULL, expires_at = 0 WHERE name = @name AND holder = @me AND epoch = @epoch";

    private const string TouchSql = "UPDATE cluster_members SET last_seen = @now, url = @url WHERE member_id = @id";

    private const string JoinSql = "INSERT INTO cluster_members (member_id, host, url, started_at, last_seen) VALUES (@id, @host, @url, @now, @now)";

    private const string LeaveSql = "DELETE FROM cluster_members WHERE member_id = @id";

    private const string MembersSql =
        "SELECT member_id AS MemberId, host AS Host, url AS Url, started_at AS StartedAt, last_seen AS LastSeen FROM cluster_members WHERE last_seen >= @since ORDER BY started_at";

    public async Task<LeaseRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string? Holder, long Epoch, long AcquiredAt, long RenewedAt, long ExpiresAt)>(
            new CommandDefinition(ReadSql, new { name = Name }, cancellationToken: cancellationToken));
        return rows.Select(r => new LeaseRecord(r.Holder, r.Epoch, EpochMilliseconds.ToInstant(r.AcquiredAt), EpochMilliseconds.ToInstant(r.RenewedAt), EpochMilliseconds.ToInstant(r.ExpiresAt)))
            .FirstOrDefault();
    }

    /// <summary>Takes the lease when it is free or expired; true when this call took it.</summary>
    public Task<bool> TryTakeAsync(string me, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        ExecuteAsync(TakeSql, new { name = Name, me, now = EpochMilliseconds.From(now), expires = EpochMilliseconds.From(now + duration) }, cancellationToken);

    /// <summary>Extends the lease this member holds at <paramref name="epoch"/>; false when it no longer does.</summary>
    public Task<bool> TryRenewAsync(string me, long epoch, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        ExecuteAsync(RenewSql, new { name = Name, me, epoch, now = EpochMilliseconds.From(now), expires = EpochMilliseconds.From(now + duration) }, cancellationToken);

    /// <summary>Gives the lease up at once (a clean stop), so a standby need not wait for it to expire.</summary>
    public Task<bool> ReleaseAsync(string me, long epoch, CancellationToken cancellationToken) =>
        ExecuteAsync(ReleaseSql, new { name = Name, me, epoch }, cancellationToken);

    /// <summary>Records that the member is alive (joining on first call).</summary>
    public async Task TouchAsync(string id, string host, string? url, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new { id, host, url, now = EpochMilliseconds.From(now) };
        if (!await ExecuteAsync(TouchSql, parameters, cancellationToken))
        {
            await ExecuteAsync(JoinSql, parameters, cancellationToken);
        }
    }

    public Task<bool> LeaveAsync(string id, CancellationToken cancellationToken) => ExecuteAsync(LeaveSql, new { id }, cancellationToken);

    /// <summary>Members seen since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ClusterMemberRecord>> MembersAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string MemberId, string Host, string? Url, long StartedAt, long LastSeen)>(
            new CommandDefinition(MembersSql, new { since = EpochMilliseconds.From(since) }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ClusterMemberRecord(r.MemberId, r.Host, r.Url, EpochMilliseconds.ToInstant(r.StartedAt), EpochMilliseconds.ToInstant(r.LastSeen)))];
    }

    private async Task<bool> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }
}
