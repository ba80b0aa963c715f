using System.Data.Common;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Epoch fencing of the leader's writes. Inside <see cref="Hold"/>, every run creation and transition transaction
/// ends, just before its commit, with a guarded no-op UPDATE of the lease row that matches only while this member
/// still holds the lease at that epoch. It matches nothing after a takeover, and the transaction is rolled back with
/// <see cref="LeaseLostException"/>; while it matches, the row stays locked until the commit, so a takeover waits
/// for that commit rather than racing it. A leader paused past its lease (GC, a stalled VM) therefore cannot
/// create or move a run once another scheduler has taken over. Checked last, not first, so the row is locked for
/// milliseconds: a long batch never holds up the leader's own lease renewals.
/// </summary>
internal static class LeaseFence
{
    // SET epoch = epoch changes nothing but takes the row's write lock on PostgreSQL, SQL Server and SQLite alike.
    private const string FenceSql =
        "UPDATE cluster_lease SET epoch = epoch WHERE name = @name AND holder = @holder AND epoch = @epoch";

    private static readonly AsyncLocal<Claim?> Current = new();

    /// <summary>The claim writes in this async flow are fenced by, if any.</summary>
    public static (string Holder, long Epoch)? Active => Current.Value is { Closed: false } claim ? (claim.Holder, claim.Epoch) : null;

    /// <summary>Fences the writes of this async flow (and what it calls) by the lease held at <paramref name="epoch"/>, until disposed.</summary>
    public static IDisposable Hold(string holder, long epoch)
    {
        var previous = Current.Value;
        var claim = new Claim(holder, epoch);
        Current.Value = claim;
        return new Scope(previous, claim);
    }

    /// <summary>Run last inside a write transaction, right before its commit: throws <see cref="LeaseLostException"/> when the fence no longer holds.</summary>
    public static async Task CheckAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Current.Value is not { } claim || claim.Closed)
        {
            return;
        }

        var held = await connection.ExecuteAsync(new CommandDefinition(
            FenceSql, new { name = LeaseStore.Name, holder = claim.Holder, epoch = claim.Epoch }, transaction, cancellationToken: cancellationToken));
        if (held != 1)
        {
            throw new LeaseLostException(claim.Holder, claim.Epoch);
        }
    }

    private sealed class Claim(string holder, long epoch)
    {
        public string Holder { get; } = holder;

        public long Epoch { get; } = epoch;

        // A task started inside the scope keeps the async context after it ends; a closed claim fences nothing there.
        public volatile bool Closed;
    }

    private sealed class Scope(Claim? previous, Claim claim) : IDisposable
    {
        public void Dispose()
        {
            claim.Closed = true;
            Current.Value = previous;
        }
    }
}
