using System.Data.Common;
using Dapper;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>What <see cref="SchemaMigrator"/> and the 001 schema promise, on every provider; each test gets an empty database.</summary>
internal abstract class SchemaMigratorContract : StorageContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ITestDatabase? database;
    private ServiceProvider? services;

    private SchemaMigrator Migrator => services!.GetRequiredService<SchemaMigrator>();

    [SetUp]
    public async Task CreateEmptyDatabaseAsync()
    {
        database = await CreateDatabaseAsync();
        services = BuildServices(database);
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await DisposeAsync(database, null);
    }

    /// <summary>The scripts this build ships for the provider, in order.</summary>
    private List<string> Shipped => Migrator.Scripts.Select(s => s.Name).ToList();

    [Test]
    public async Task MigrateAsync_AppliesInitialScriptAndRecordsIt_WhenDatabaseIsEmpty()
    {
        var applied = await Migrator.MigrateAsync(None);
        var recorded = await Migrator.ListAppliedAsync(None);

        Assert.That(applied, Is.EqualTo(Shipped).And.Contains("001_initial.sql"));
        Assert.That(recorded, Is.EqualTo(Migrator.Scripts.Select(s => new AppliedSchemaScript(s.Version, s.Name, Start))));
    }

    [Test]
    public async Task MigrateAsync_AppliesNothing_WhenRunASecondTime()
    {
        await Migrator.MigrateAsync(None);
        Clock.Advance(TimeSpan.FromDays(1));

        var second = await Migrator.MigrateAsync(None);

        Assert.That(second, Is.Empty);
        Assert.That(await Migrator.ListAppliedAsync(None), Has.Count.EqualTo(Shipped.Count));
    }

    [Test]
    public async Task MigrateAsync_AppliesOnlyNewScriptsInVersionOrder_WhenScriptsWereAdded()
    {
        await Migrator.MigrateAsync(None);
        var scripts = Migrator.Scripts.Concat(
        [
            new SchemaScript(902, "902_second.sql", "CREATE TABLE extra_b (id INT NOT NULL PRIMARY KEY)"),
            new SchemaScript(901, "901_first.sql", "CREATE TABLE extra_a (id INT NOT NULL PRIMARY KEY)"),
        ]).ToList();

        var applied = await Migrator.MigrateAsync(scripts, None);

        Assert.That(applied, Is.EqualTo((string[])["901_first.sql", "902_second.sql"]));
        Assert.That((await Migrator.ListAppliedAsync(None)).Select(s => s.Version), Is.EqualTo(Migrator.Scripts.Select(s => s.Version).Concat([901, 902])));
    }

    [Test]
    public async Task MigrateAsync_RollsBackWholeScriptAndRecordsNothing_WhenScriptFails()
    {
        await Migrator.MigrateAsync(None);
        var broken = new SchemaScript(901, "901_broken.sql", "CREATE TABLE extra_a (id INT NOT NULL PRIMARY KEY);\nINSERT INTO no_such_table (id) VALUES (1);");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync([.. Migrator.Scripts, broken], None));

        Assert.That(error!.Message, Does.Contain("901_broken.sql"));
        Assert.That(await Migrator.ListAppliedAsync(None), Has.Count.EqualTo(Shipped.Count));

        // The fixed script creates the same table: it can only succeed if the failed attempt left nothing behind.
        var fixedScript = new SchemaScript(901, "901_fixed.sql", "CREATE TABLE extra_a (id INT NOT NULL PRIMARY KEY)");
        Assert.That(await Migrator.MigrateAsync([.. Migrator.Scripts, fixedScript], None), Is.EqualTo((string[])["901_fixed.sql"]));
    }

    [Test]
    public async Task MigrateAsync_AppliesEachScriptOnce_WhenTwoSchedulersMigrateTogether()
    {
        await using var other = BuildServices(database!);
        var otherMigrator = other.GetRequiredService<SchemaMigrator>();

        var results = await Task.WhenAll(
            Task.Run(() => Migrator.MigrateAsync(None)),
            Task.Run(() => otherMigrator.MigrateAsync(None)));

        // Two migrators may take turns script by script; what matters is that each script is applied exactly once.
        Assert.That(results.SelectMany(r => r), Is.EquivalentTo(Shipped));
        Assert.That(await Migrator.ListAppliedAsync(None), Has.Count.EqualTo(Shipped.Count));
    }

    [Test]
    public async Task MigrateAsync_KeepsRunsFindableByStatus_WhenDroppingTheStatusOnlyIndexFromADatabaseWithRuns()
    {
        var upgrade = Migrator.Scripts.Single(s => s.Name == "041_run_write_indexes.sql");
        await Migrator.MigrateAsync([.. Migrator.Scripts.Where(s => s.Version < upgrade.Version)], None);
        var store = services!.GetRequiredService<IRunStore>();
        var created = await store.CreateAsync(
            [new NewRun(2001, "Generate_Invoice", Start, "billing-01"), new NewRun(2002, "Send_Reminders", Start, "billing-01")], "scheduler", None);
        var moved = await store.TransitionAsync(new RunChange(created[1].Run.RunId, 1, RunStatus.Active, RunStatus.Trigger, "scheduler"), None);

        var applied = await Migrator.MigrateAsync(None);

        Assert.That(applied, Does.Contain(upgrade.Name));
        Assert.That(moved, Is.Not.Null);
        var waiting = await store.ListAsync(new RunQuery(Statuses: [RunStatus.Trigger], OldestFirst: true), None);
        var active = await store.ListAsync(new RunQuery(Statuses: [RunStatus.Active], OldestFirst: true), None);
        Assert.That(waiting.Select(r => r.RunId), Is.EqualTo((string[])[created[1].Run.RunId]));
        Assert.That(active.Select(r => r.RunId), Is.EqualTo((string[])[created[0].Run.RunId]));
    }

    [Test]
    public async Task Schema_RefusesSecondRunOfAnOccurrence_WhenTidAndScheduledForRepeat()
    {
        await Migrator.MigrateAsync(None);
        var connections = services!.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync(None);
        const string insertRun =
            "INSERT INTO runs (run_id, tid, task_name, scheduled_for, status, attempt, host, adhoc, created_at, version) " +
            "VALUES (@runId, 2001, 'Generate_Invoice', 1772443800000, 'ACTIVE', 1, 'billing-01', 0, 1772443800000, 1)";
        await connection.ExecuteAsync(insertRun, new { runId = Guid.NewGuid().ToString() });

        var error = Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => connection.ExecuteAsync(insertRun, new { runId = Guid.NewGuid().ToString() }));

        Assert.That(connections.Dialect.IsUniqueViolation((DbException)error!), Is.True, error!.Message);
    }

    [Test]
    public async Task Schema_NumbersRunEventsInOrder_WhenEventsAreAppended()
    {
        await Migrator.MigrateAsync(None);
        var connections = services!.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync(None);
        var insert = connections.Dialect.InsertReturningId("run_events", ["run_id", "attempt", "at", "actor", "from_status", "to_status"], "id");
        var runId = Guid.NewGuid().ToString();

        var first = await connection.ExecuteScalarAsync<long>(insert, new { run_id = runId, attempt = 1, at = 1L, actor = "scheduler", from_status = "IDLE", to_status = "ACTIVE" });
        var second = await connection.ExecuteScalarAsync<long>(insert, new { run_id = runId, attempt = 1, at = 2L, actor = "scheduler", from_status = "ACTIVE", to_status = "TRIGGER" });

        Assert.That(second, Is.GreaterThan(first));
    }
}
