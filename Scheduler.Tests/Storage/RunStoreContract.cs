using Dapper;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>
/// What <see cref="IRunStore"/> promises, checked the same way on every provider. The database and the
/// helpers are here; creation, transitions, listings and the engine's look-ups are in the partials.
/// </summary>
internal abstract partial class RunStoreContract : StorageContract
{
    private const string Actor = "scheduler:node-a";

    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>An occurrence time with whole milliseconds, as the store keeps them.</summary>
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, 250, TimeSpan.Zero);

    private ITestDatabase? database;
    private ServiceProvider? services;

    private IRunStore Store => services!.GetRequiredService<IRunStore>();

    [OneTimeSetUp]
    public async Task CreateSchemaAsync() => (database, services) = await CreateMigratedAsync();

    [OneTimeTearDown]
    public Task DropDatabaseAsync() => DisposeAsync(database, services);

    // The store deletes nothing (a run's history is kept), so the tests empty the tables themselves.
    [SetUp]
    public async Task EmptyRunsAsync()
    {
        await using var connection = await services!.GetRequiredService<IDbConnectionFactory>().OpenAsync(None);
        await connection.ExecuteAsync("DELETE FROM run_events");
        await connection.ExecuteAsync("DELETE FROM runs");
    }

    private static NewRun Occurrence(long tid, DateTimeOffset scheduledFor, string? name = null, string? detail = null) =>
        new(tid, name ?? $"task_{tid}", scheduledFor, "batch-01", Detail: detail);

    private async Task<RunRecord> CreateAsync(NewRun run) => (await Store.CreateAsync([run], Actor, None)).Single().Run;

    /// <summary>Moves the run on from where it is, as the engine would; fails the test when the store refuses.</summary>
    private async Task<RunRecord> MoveAsync(RunRecord run, RunStatus to, Fields? fields = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var f = fields ?? new Fields();
        var change = new RunChange(run.RunId, run.Version, run.Status, to, Actor, $"to {to.ToText()}", f.Reason, f.ReturnCode, f.Attempt, f.Host, f.StartedAt, f.FinishedAt);
        var moved = await Store.TransitionAsync(change, None);
        Assert.That(moved, Is.Not.Null, $"{run.Status} → {to} at version {run.Version} was refused");
        return moved!;
    }

    /// <summary>The optional columns a transition may set.</summary>
    private sealed record Fields(
        string? Reason = null, int? ReturnCode = null, int? Attempt = null, string? Host = null, DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null);

    /// <summary>Takes a run through the lifecycle to <paramref name="status"/>, finishing at <paramref name="finishedAt"/>.</summary>
    private async Task<RunRecord> FinishAsync(RunRecord run, RunStatus status, DateTimeOffset finishedAt)
    {
        var running = await MoveAsync(await MoveAsync(await MoveAsync(run, RunStatus.Trigger), RunStatus.Started), RunStatus.Running);
        return await MoveAsync(running, status, new() { ReturnCode = status == RunStatus.Success ? 0 : 1, FinishedAt = finishedAt });
    }
}
