using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>What <see cref="ITaskStore"/> promises, checked the same way on every provider.</summary>
internal abstract partial class TaskStoreContract : StorageContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ITestDatabase? database;
    private ServiceProvider? services;

    private ITaskStore Store => services!.GetRequiredService<ITaskStore>();

    [OneTimeSetUp]
    public async Task CreateSchemaAsync() => (database, services) = await CreateMigratedAsync();

    [OneTimeTearDown]
    public Task DropDatabaseAsync() => DisposeAsync(database, services);

    [SetUp]
    public async Task EmptyTasksAsync()
    {
        foreach (var task in await Store.ListAsync(None))
        {
            await Store.DeleteAsync(task.Definition.Name, None);
        }
    }

    [Test]
    public async Task FindAsync_ReturnsEveryFieldAsWritten_WhenTaskWasInserted()
    {
        var definition = SampleTasks.Invoice();

        await Store.InsertAsync(definition, "cli:ops", None);
        var found = await Store.FindAsync("Generate_Invoice", None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(TaskDefinitionJson.Serialize(found!.Definition), Is.EqualTo(TaskDefinitionJson.Serialize(definition)));
            Assert.That(found.Definition.DependsOn!.Select(d => (d.Task, d.On)),
                Is.EqualTo(((string, string)[])[("Load_Orders", "success"), ("Close_Books", "done")]));
            Assert.That(found.Definition.Env, Is.EquivalentTo(definition.Env!));
            Assert.That(found.Definition.Description, Is.EqualTo("Build the day's invoices — Zürich & 東京 offices"));
        });
    }

    [Test]
    public async Task InsertAsync_StoresVersionOneWithSourceAndTimes_WhenTaskIsNew()
    {
        var inserted = await Store.InsertAsync(SampleTasks.Invoice(), "file:tasks/generate_invoice.json", None);
        var found = await Store.FindAsync("Generate_Invoice", None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(inserted.Version, Is.EqualTo(1));
            Assert.That(found!.Version, Is.EqualTo(1));
            Assert.That(found.Source, Is.EqualTo("file:tasks/generate_invoice.json"));
            Assert.That(found.CreatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(found.UpdatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(found.OnHold, Is.False);
            Assert.That(found.CreatedAt, Is.EqualTo(inserted.CreatedAt));
        });
    }

    [Test]
    public async Task FindAsync_ReturnsNull_WhenNoTaskHasThatName()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        Assert.That(await Store.FindAsync("generate_invoice", None), Is.Null, "names are case-sensitive on every provider");
        Assert.That(await Store.FindAsync("Missing", None), Is.Null);
    }

    [Test]
    public async Task ListAsync_ReturnsTasksOrderedByName_WhenInsertedInAnotherOrder()
    {
        foreach (var (tid, name) in new[] { (3L, "b_report"), (1L, "Zeta"), (4L, "a.load"), (2L, "Alpha") })
        {
            await Store.InsertAsync(SampleTasks.Minimal(tid, name), "test", None);
        }

        var names = (await Store.ListAsync(None)).Select(t => t.Definition.Name);

        // Ordinal order, the same on every provider: upper case sorts before lower case.
        Assert.That(names, Is.EqualTo((string[])["Alpha", "Zeta", "a.load", "b_report"]));
    }

    [Test]
    public async Task InsertAsync_ThrowsDuplicateNamingTheTid_WhenTidIsTaken()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        var error = Assert.ThrowsAsync<DuplicateTaskException>(() => Store.InsertAsync(SampleTasks.Invoice(2001, "Other_Task"), "test", None));

        Assert.That(error!.Message, Is.EqualTo("a task with tid 2001 already exists (\"Generate_Invoice\")"));
        Assert.That(await Store.FindAsync("Other_Task", None), Is.Null);
    }

    [Test]
    public async Task InsertAsync_ThrowsDuplicateNamingTheName_WhenNameIsTaken()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        var error = Assert.ThrowsAsync<DuplicateTaskException>(() => Store.InsertAsync(SampleTasks.Invoice(2002), "test", None));

        Assert.That(error!.Message, Is.EqualTo("a task named \"Generate_Invoice\" already exists (tid 2001)"));
        Assert.That((await Store.ListAsync(None)).Select(t => t.Definition.Tid), Is.EqualTo((long[])[2001L]));
    }

    [Test]
    public async Task InsertAsync_StoresExactlyOneTask_WhenSameTaskIsInsertedConcurrently()
    {
        var attempts = Enumerable.Range(0, 6).Select(_ => Task.Run(() => Store.InsertAsync(SampleTasks.Invoice(), "race", None))).ToList();

        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                await attempt;
                return "stored";
            }
            catch (DuplicateTaskException)
            {
                return "duplicate";
            }
        }));

        Assert.That(outcomes.Count(o => o == "stored"), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Count(o => o == "duplicate"), Is.EqualTo(5));
        Assert.That(await Store.ListAsync(None), Has.Count.EqualTo(1));
    }
}
