using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace EasyTask.Agent.Tests.Journal;

internal sealed class RunJournalTests
{
    private string directory = null!;
    private RunJournal journal = null!;

    [SetUp]
    public void Open()
    {
        directory = Path.Combine(Path.GetTempPath(), "easytask-journal-tests", Guid.NewGuid().ToString("N"));
        journal = new RunJournal(directory, NullLogger<RunJournal>.Instance);
        journal.Open();
    }

    [TearDown]
    public void Remove() => Directory.Delete(directory, recursive: true);

    [Test]
    public void ReadAll_ReturnsLatestWriteOfEachAttempt_WhenEntriesWereRewritten()
    {
        journal.Write(Entry("r1", 1, JournalState.Accepted), durable: true);
        journal.Write(Entry("r1", 1, JournalState.Finished) with { Result = Result("r1") }, durable: true);
        journal.Write(Entry("r1", 2, JournalState.Accepted), durable: false);

        var entries = journal.ReadAll().OrderBy(e => e.Task.Attempt).ToList();

        Assert.That(entries.Select(e => (e.Task.RunId, e.Task.Attempt, e.State)),
            Is.EqualTo(new[] { ("r1", 1, JournalState.Finished), ("r1", 2, JournalState.Accepted) }));
        Assert.That(entries[0].Result, Is.EqualTo(Result("r1")));
        Assert.That(entries[0].Task.Env, Is.EqualTo(new Dictionary<string, string> { ["A"] = "1" }));
    }

    [Test]
    public void ReadAll_SetsDamagedFileAsideAndKeepsTheRest_WhenOneEntryIsCorrupt()
    {
        journal.Write(Entry("good", 1, JournalState.Accepted), durable: true);
        File.WriteAllText(Path.Combine(directory, "bad.1.json"), "{ not json");
        File.WriteAllText(Path.Combine(directory, "good.1.json.0123.tmp"), "half a write");

        var entries = journal.ReadAll();

        Assert.That(entries.Select(e => e.Task.RunId), Is.EqualTo(new[] { "good" }));
        Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "good.1.json", "bad.1.json.damaged" }));
    }

    [Test]
    public void Write_KeepsFileInsideJournal_WhenRunIdLooksLikeAPath()
    {
        journal.Write(Entry("../../etc/cron.d/x", 1, JournalState.Accepted), durable: true);

        Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
        Assert.That(journal.ReadAll().Single().Task.RunId, Is.EqualTo("../../etc/cron.d/x"));
    }

    [Test]
    public void Delete_RemovesOnlyThatAttempt_WhenSeveralAreJournaled()
    {
        journal.Write(Entry("r1", 1, JournalState.Accepted), durable: true);
        journal.Write(Entry("r1", 2, JournalState.Accepted), durable: true);

        journal.Delete(new RunKey("r1", 1));

        Assert.That(journal.ReadAll().Select(e => e.Task.Attempt), Is.EqualTo(new[] { 2 }));
    }

    internal static JournalEntry Entry(string runId, int attempt, JournalState state) => new()
    {
        Task = new RunTask { RunId = runId, Attempt = attempt, Task = "demo", Host = "h", Cmd = "true", Env = new Dictionary<string, string> { ["A"] = "1" } },
        State = state,
        AcceptedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.Zero),
    };

    private static RunFinished Result(string runId) => new()
    {
        RunId = runId, Attempt = 1, Host = "h", Status = "SUCCESS", Reason = "exit_code", ReturnCode = 0,
        FinishedAt = new DateTimeOffset(2025, 3, 1, 8, 31, 0, TimeSpan.Zero),
    };
}
