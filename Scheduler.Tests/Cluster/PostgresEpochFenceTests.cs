using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Cluster;

/// <summary>
/// Epoch fencing on a real PostgreSQL database: an old leader that was paused past its lease, and so still believes it
/// leads with its old epoch, creates and moves nothing once another scheduler has taken the lease over.
/// </summary>
[Category("Integration")]
internal sealed class PostgresEpochFenceTests : StorageContract
{
    private const long Tid = 4242;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ITestDatabase? database;
    private ServiceProvider? services;

    private IRunStore Runs => services!.GetRequiredService<IRunStore>();

    private LeaseStore Leases => new(services!.GetRequiredService<IDbConnectionFactory>());

    [SetUp]
    public async Task CreateSchemaAsync() => (database, services) = await CreateMigratedAsync();

    [TearDown]
    public Task DropDatabaseAsync() => DisposeAsync(database, services);

    [Test]
    public async Task CreateAndTransition_ChangeNothing_WhenTheWriterLeadsWithAStaleEpoch()
    {
        Assert.That(await Leases.TryTakeAsync("old", Clock.GetUtcNow(), Lease, CancellationToken.None), Is.True);
        var oldEpoch = (await Leases.ReadAsync(CancellationToken.None))!.Epoch;
        RunRecord waiting;
        using (LeaseFence.Hold("old", oldEpoch))
        {
            waiting = (await Runs.CreateAsync([Occurrence(Nine)], "scheduler", CancellationToken.None)).Single().Run;
        }

        // The old leader stalls past its lease; another scheduler takes over with the next epoch.
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.That(await Leases.TryTakeAsync("new", Clock.GetUtcNow(), Lease, CancellationToken.None), Is.True);

        using (LeaseFence.Hold("old", oldEpoch))
        {
            Assert.ThrowsAsync<LeaseLostException>(() => Runs.CreateAsync([Occurrence(Nine.AddMinutes(1))], "scheduler", CancellationToken.None));
            Assert.ThrowsAsync<LeaseLostException>(() => Runs.TransitionAsync(
                new RunChange(waiting.RunId, waiting.Version, RunStatus.Active, RunStatus.Trigger, "scheduler", "dispatch"), CancellationToken.None));
        }

        var stillWaiting = await Runs.FindAsync(waiting.RunId, CancellationToken.None);
        var notCreated = await Runs.FindOccurrenceAsync(Tid, Nine.AddMinutes(1), CancellationToken.None);
        var events = await Runs.EventsAsync(waiting.RunId, CancellationToken.None);
        RunRecord? movedByNewLeader;
        using (LeaseFence.Hold("new", oldEpoch + 1))
        {
            movedByNewLeader = await Runs.TransitionAsync(
                new RunChange(waiting.RunId, waiting.Version, RunStatus.Active, RunStatus.Trigger, "scheduler", "dispatch"), CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(stillWaiting!.Status, Is.EqualTo(RunStatus.Active), "the stale leader's dispatch was refused");
            Assert.That(stillWaiting.Version, Is.EqualTo(waiting.Version));
            Assert.That(events, Has.Count.EqualTo(1), "no event written by the stale leader");
            Assert.That(notCreated, Is.Null, "the stale leader's run was not created");
            Assert.That(movedByNewLeader?.Status, Is.EqualTo(RunStatus.Trigger), "the leader of the current epoch moves the run");
        });
    }

    [Test]
    public async Task Create_Succeeds_WhenNoFenceIsHeld()
    {
        // The API of any scheduler (a standby too) writes without a fence: only the leader's own work is fenced.
        Assert.That(await Leases.TryTakeAsync("someone", Clock.GetUtcNow(), Lease, CancellationToken.None), Is.True);
        var created = await Runs.CreateAsync([Occurrence(Nine)], "api", CancellationToken.None);
        Assert.That(created.Single().Created, Is.True);
    }

    private static NewRun Occurrence(DateTimeOffset at) => new(Tid, "fenced", at, "batch-01");

    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
