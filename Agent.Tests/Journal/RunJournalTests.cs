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

        var entries = journal.ReadOpen().OrderBy(e => e.Task.Attempt).ToList();

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

        var entries = journal.ReadOpen();

        Assert.That(entries.Select(e => e.Task.RunId), Is.EqualTo(new[] { "good" }));
        Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "good.1.json", "bad.1.json.damaged" }));
    }

    [Test]
    public void Write_KeepsFileInsideJournal_WhenRunIdLooksLikeAPath()
    {
        journal.Write(Entry("../../etc/cron.d/x", 1, JournalState.Accepted), durable: true);

        Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
        Assert.That(journal.ReadOpen().Single().Task.RunId, Is.EqualTo("../../etc/cron.d/x"));
    }

    [Test]
    public void Write_MovesEntryOutOfOpenSet_WhenResultIsDelivered()
    {
        var finished = Entry("r1", 1, JournalState.Finished) with { Result = Result("r1") };
        journal.Write(finished, durable: true);

        journal.Write(finished with { Delivered = true }, durable: false);

        Assert.That(journal.ReadOpen(), Is.Empty);
        Assert.That(journal.TryReadDelivered(new RunKey("r1", 1))?.Result, Is.EqualTo(Result("r1")));
        Assert.That(journal.TryReadDelivered(new RunKey("r1", 2)), Is.Null);
    }

    [Test]
    public void ReadOpen_DropsOpenTwin_WhenAgentStoppedHalfwayThroughMovingDeliveredEntry()
    {
        var finished = Entry("r1", 1, JournalState.Finished) with { Result = Result("r1") };
        journal.Write(finished with { Delivered = true }, durable: false);
        journal.Write(finished, durable: true);

        Assert.That(journal.ReadOpen(), Is.Empty);
        Assert.That(journal.TryReadDelivered(new RunKey("r1", 1)), Is.Not.Null);
    }

    [Test]
    public void SweepDelivered_DeletesOnlyEntriesWrittenBeforeCutoff_WhenSeveralAreKept()
    {
        var cutoff = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        journal.Write(Entry("old", 1, JournalState.Finished) with { Delivered = true }, durable: false);
        journal.Write(Entry("recent", 1, JournalState.Finished) with { Delivered = true }, durable: false);
        File.SetLastWriteTimeUtc(Path.Combine(directory, "delivered", "old.1.json"), cutoff.UtcDateTime.AddHours(-1));
        File.SetLastWriteTimeUtc(Path.Combine(directory, "delivered", "recent.1.json"), cutoff.UtcDateTime.AddHours(1));

        var swept = journal.SweepDelivered(cutoff);

        Assert.That(swept, Is.EqualTo(1));
        Assert.That(journal.TryReadDelivered(new RunKey("old", 1)), Is.Null);
        Assert.That(journal.TryReadDelivered(new RunKey("recent", 1)), Is.Not.Null);
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
