using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>Updates, activation and deletion: the guarded writes.</summary>
internal abstract partial class TaskStoreContract
{
    [Test]
    public async Task UpdateAsync_PersistsAndBumpsVersion_WhenVersionIsCurrent()
    {
        var inserted = await Store.InsertAsync(SampleTasks.Invoice(), "test", None);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var changed = inserted.Definition with { Cmd = "echo v2", RunOnHost = "billing-02", Group = null };
        var updated = await Store.UpdateAsync("Generate_Invoice", changed, expectedVersion: 1, "api:alice", None);
        var found = await Store.FindAsync("Generate_Invoice", None);

        Assert.Multiple(() =>
        {
            Assert.That(updated.Version, Is.EqualTo(2));
            Assert.That(found!.Version, Is.EqualTo(2));
            Assert.That(found.Definition.Cmd, Is.EqualTo("echo v2"));
            Assert.That(found.Definition.RunOnHost, Is.EqualTo("billing-02"));
            Assert.That(found.Definition.Group, Is.Null);
            Assert.That(found.Source, Is.EqualTo("api:alice"));
            Assert.That(found.CreatedAt, Is.EqualTo(Start));
            Assert.That(found.UpdatedAt, Is.EqualTo(Start.AddMinutes(5)));
            Assert.That(updated.UpdatedAt, Is.EqualTo(found.UpdatedAt));
        });
    }

    [Test]
    public async Task UpdateAsync_ThrowsVersionConflictAndLeavesRow_WhenVersionIsStale()
    {
        var inserted = await Store.InsertAsync(SampleTasks.Invoice(), "test", None);
        await Store.UpdateAsync("Generate_Invoice", inserted.Definition with { Cmd = "echo first" }, 1, "alice", None);

        var error = Assert.ThrowsAsync<VersionConflictException>(
            () => Store.UpdateAsync("Generate_Invoice", inserted.Definition with { Cmd = "echo second" }, 1, "bob", None));

        var found = await Store.FindAsync("Generate_Invoice", None);
        Assert.Multiple(() =>
        {
            Assert.That(error!.ActualVersion, Is.EqualTo(2));
            Assert.That(error.Message, Does.Contain("version 2, not 1"));
            Assert.That(found!.Definition.Cmd, Is.EqualTo("echo first"));
            Assert.That(found.Version, Is.EqualTo(2));
            Assert.That(found.Source, Is.EqualTo("alice"));
        });
    }

    [Test]
    public void UpdateAsync_ThrowsTaskNotFound_WhenTaskDoesNotExist()
    {
        var error = Assert.ThrowsAsync<TaskNotFoundException>(
            () => Store.UpdateAsync("Generate_Invoice", SampleTasks.Invoice(), 1, "test", None));

        Assert.That(error!.Name, Is.EqualTo("Generate_Invoice"));
    }

    [Test]
    public async Task UpdateAsync_ThrowsArgumentNamingName_WhenDefinitionRenamesTask()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        var error = Assert.ThrowsAsync<ArgumentException>(
            () => Store.UpdateAsync("Generate_Invoice", SampleTasks.Invoice(2001, "Renamed"), 1, "test", None));

        Assert.That(error!.Message, Does.StartWith("name:"));
        Assert.That(await Store.FindAsync("Renamed", None), Is.Null);
    }

    [Test]
    public async Task UpdateAsync_ThrowsArgumentNamingTid_WhenDefinitionChangesTid()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        var error = Assert.ThrowsAsync<ArgumentException>(
            () => Store.UpdateAsync("Generate_Invoice", SampleTasks.Invoice(9999), 1, "test", None));

        Assert.That(error!.Message, Does.StartWith("tid:").And.Contain("2001"));
        Assert.That((await Store.FindAsync("Generate_Invoice", None))!.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task SetActiveAsync_FlipsActiveInDefinitionAndKeepsVersion_WhenTaskExists()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        var paused = await Store.SetActiveAsync("Generate_Invoice", active: false, "cli:ops", None);
        var afterPause = await Store.FindAsync("Generate_Invoice", None);
        var resumed = await Store.SetActiveAsync("Generate_Invoice", active: true, "cli:ops", None);

        Assert.Multiple(() =>
        {
            Assert.That(paused.Definition.Active, Is.False);
            Assert.That(paused.Version, Is.EqualTo(1), "a toggle is operator state, not a new definition");
            Assert.That(afterPause!.Definition.Active, Is.False);
            Assert.That(afterPause.Definition.Cmd, Is.EqualTo(SampleTasks.Invoice().Cmd), "the rest of the definition stays");
            Assert.That(afterPause.Source, Is.EqualTo("cli:ops"));
            Assert.That(resumed.Definition.Active, Is.True);
            Assert.That(resumed.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void SetActiveAsync_ThrowsTaskNotFound_WhenTaskDoesNotExist()
    {
        Assert.ThrowsAsync<TaskNotFoundException>(() => Store.SetActiveAsync("Missing", active: false, "test", None));
    }

    [Test]
    public async Task DeleteAsync_ReturnsTrueThenFalse_WhenTaskIsDeletedTwice()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        var first = await Store.DeleteAsync("Generate_Invoice", None);
        var second = await Store.DeleteAsync("Generate_Invoice", None);
        var found = await Store.FindAsync("Generate_Invoice", None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(found, Is.Null);
        });
    }

    [Test]
    public async Task InsertAsync_AcceptsTidAndName_WhenTheyWereFreedByDelete()
    {
        await Store.InsertAsync(SampleTasks.Invoice(), "test", None);
        await Store.DeleteAsync("Generate_Invoice", None);

        var again = await Store.InsertAsync(SampleTasks.Invoice(), "test", None);

        Assert.That(again.Version, Is.EqualTo(1));
    }
}
