using System.Text.Json;
using EasyTask.Agent.Journal;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EasyTask.Agent.Tests.Journal;

internal sealed class RunJournalTests
{
    /// <summary>How the one-file-per-run journal wrote its entries.</summary>
    private static readonly JsonSerializerOptions LegacyJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    private string directory = null!;
    private RunJournal journal = null!;

    [SetUp]
    public void Open()
    {
        directory = Path.Combine(Path.GetTempPath(), "easytask-journal-tests", Guid.NewGuid().ToString("N"));
        journal = Reopen();
    }

    [TearDown]
    public void Remove()
    {
        journal.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task ReadOpen_ReturnsLatestWriteOfEachAttempt_AfterRestart()
    {
        await journal.WriteAsync(Entry("r1", 1, JournalState.Accepted), durable: true);
        await journal.WriteAsync(Entry("r1", 1, JournalState.Finished) with { Result = Result("r1") }, durable: true);
        await journal.WriteAsync(Entry("r1", 2, JournalState.Accepted), durable: false);

        var entries = Restart().ReadOpen().OrderBy(e => e.Task.Attempt).ToList();

        Assert.That(entries.Select(e => (e.Task.RunId, e.Task.Attempt, e.State)),
            Is.EqualTo(new[] { ("r1", 1, JournalState.Finished), ("r1", 2, JournalState.Accepted) }));
        Assert.That(entries[0].Result, Is.EqualTo(Result("r1")));
        Assert.That(entries[0].Task.Env, Is.EqualTo(new Dictionary<string, string> { ["A"] = "1" }));
    }

    [Test]
    public async Task WriteAsync_CompletesOnlyOnceFlushedToDisk_WhenDurable()
    {
        var before = journal.Flushes;

        await journal.WriteAsync(Entry("r1", 1, JournalState.Running), durable: false);
        var afterPlainWrite = journal.Flushes;
        await journal.WriteAsync(Entry("r1", 1, JournalState.Finished), durable: true);

        Assert.That((afterPlainWrite - before, journal.Flushes - before), Is.EqualTo((0L, 1L)));
    }

    [Test]
    public async Task WriteAsync_SharesOneFlushAmongManyWrites_WhenTheyArriveTogether()
    {
        var before = journal.Flushes;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => journal.WriteAsync(Entry($"r{i}", 1, JournalState.Accepted), durable: true))));

        Assert.That(journal.Flushes - before, Is.InRange(1, 49), "200 concurrent durable writes");
        Assert.That(Restart().ReadOpen(), Has.Count.EqualTo(200));
    }

    [Test]
    public async Task Open_IgnoresTornLastRecord_WhenAgentDiedMidAppend()
    {
        await journal.WriteAsync(Entry("whole", 1, JournalState.Accepted), durable: true);
        var log = new CapturingLoggerProvider();
        journal.Dispose();
        File.AppendAllText(Segments().Last(), """{"task":{"runId":"torn","attempt":1,"ta""");

        journal = Reopen(log);

        Assert.That(journal.ReadOpen().Select(e => e.Task.RunId), Is.EqualTo(new[] { "whole" }));
        Assert.That(log.Lines, Has.Some.Contains("cut short"));
        await journal.WriteAsync(Entry("after", 1, JournalState.Accepted), durable: true);
        Assert.That(Restart().ReadOpen().Select(e => e.Task.RunId), Is.EquivalentTo(new[] { "whole", "after" }), "later records are not glued to the torn one");
    }

    [Test]
    public async Task Open_SetsDamagedRecordAsideAndKeepsTheRest_WhenOneRecordIsCorrupt()
    {
        await journal.WriteAsync(Entry("good", 1, JournalState.Accepted), durable: true);
        journal.Dispose();
        var segment = Segments().Last();
        File.AppendAllText(segment, "{ not json\n");
        File.AppendAllText(segment, JsonSerializer.Serialize(Entry("later", 1, JournalState.Accepted), RecordJson) + "\n");

        journal = Reopen();

        Assert.That(journal.ReadOpen().Select(e => e.Task.RunId), Is.EquivalentTo(new[] { "good", "later" }));
        Assert.That(File.ReadAllText(segment + ".damaged"), Is.EqualTo("{ not json\n"));
    }

    [Test]
    public void Open_RefusesWithClearError_WhenAnotherAgentHoldsTheDirectory()
    {
        var second = new RunJournal(directory, NullLogger<RunJournal>.Instance);

        var error = Assert.Throws<IOException>(second.Open);

        Assert.That(error!.Message, Does.Contain("in use by another agent"));
        second.Dispose();
    }

    [Test]
    public async Task WriteAsync_KeepsEveryFileInsideJournal_WhenRunIdLooksLikeAPath()
    {
        await journal.WriteAsync(Entry("../../etc/cron.d/x", 1, JournalState.Accepted), durable: true);

        Assert.That(Directory.GetFileSystemEntries(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "journal.lock", Path.GetFileName(Segments().Single()) }));
        Assert.That(Restart().ReadOpen().Single().Task.RunId, Is.EqualTo("../../etc/cron.d/x"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Open_CreatesDirectoryAndFilesReadableByTheAgentOnly_WhenJournalIsNew()
    {

        Assert.That(File.GetUnixFileMode(directory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(File.GetUnixFileMode(Segments().Single()) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None));
    }

    [Test]
    public async Task TryReadDelivered_AnswersFromTheSegments_WhenResultWasDeliveredBeforeRestart()
    {
        var finished = Entry("r1", 1, JournalState.Finished) with { Result = Result("r1") };
        await journal.WriteAsync(finished, durable: true);
        await journal.WriteAsync(finished with { Delivered = true }, durable: false);

        Assert.That(journal.ReadOpen(), Is.Empty);
        Assert.That(journal.TryReadDelivered(new RunKey("r1", 1))?.Result, Is.EqualTo(Result("r1")));
        var restarted = Restart();
        Assert.That(restarted.ReadOpen(), Is.Empty);
        Assert.That(restarted.TryReadDelivered(new RunKey("r1", 1))?.Result, Is.EqualTo(Result("r1")));
        Assert.That(restarted.TryReadDelivered(new RunKey("r1", 2)), Is.Null);
        Assert.That(restarted.DeliveredAttempts(), Is.EqualTo(new[] { ("r1", 1) }));
    }

    [Test]
    public async Task SweepDelivered_ForgetsOnlyEntriesDeliveredBeforeCutoff_WhenSeveralAreKept()
    {
        var cutoff = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await journal.WriteAsync(Entry("old", 1, JournalState.Finished) with { Delivered = true, UpdatedAt = cutoff.AddHours(-1) }, durable: false);
        await journal.WriteAsync(Entry("recent", 1, JournalState.Finished) with { Delivered = true, UpdatedAt = cutoff.AddHours(1) }, durable: false);

        var swept = journal.SweepDelivered(cutoff);

        Assert.That(swept, Is.EqualTo(1));
        Assert.That(journal.TryReadDelivered(new RunKey("old", 1)), Is.Null);
        Assert.That(journal.TryReadDelivered(new RunKey("recent", 1)), Is.Not.Null);
    }

    [Test]
    public async Task WriteAsync_StartsNewSegmentKeepingOpenEntriesAndDropsSweptOnes_WhenSegmentIsFull()
    {
        journal.Dispose();
        journal = Reopen(segmentBytes: 4096);
        var cutoff = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await journal.WriteAsync(Entry("long-running", 1, JournalState.Running), durable: true);
        for (var i = 0; i < 40; i++)
        {
            await journal.WriteAsync(Entry($"done-{i}", 1, JournalState.Finished) with { Delivered = true, UpdatedAt = cutoff.AddHours(-1) }, durable: true);
        }

        await journal.WriteAsync(Entry("kept", 1, JournalState.Finished) with { Delivered = true, UpdatedAt = cutoff.AddHours(1) }, durable: true);
        journal.SweepDelivered(cutoff);
        for (var i = 0; i < 20; i++)
        {
            await journal.WriteAsync(Entry($"queued-{i}", 1, JournalState.Accepted), durable: true);
        }

        var restarted = Restart();
        restarted.SweepDelivered(cutoff);
        Assert.That(Segments().Select(Path.GetFileName), Does.Not.Contain("segment-00000001.jsonl"), "segments holding only swept results are deleted");
        Assert.That(restarted.ReadOpen().Select(e => e.Task.RunId), Is.EquivalentTo(new[] { "long-running" }.Concat(Enumerable.Range(0, 20).Select(i => $"queued-{i}"))));
        Assert.That(restarted.DeliveredAttempts(), Is.EqualTo(new[] { ("kept", 1) }));
        Assert.That(restarted.TryReadDelivered(new RunKey("kept", 1)), Is.Not.Null);
    }

    [Test]
    public async Task WriteAsync_LeavesOneRecordPerDeliveredRunInAClosedSegment_WhenSegmentIsFull()
    {
        journal.Dispose();
        journal = Reopen(segmentBytes: 16384);
        await journal.WriteAsync(Entry("open", 1, JournalState.Running), durable: true);
        for (var i = 0; i < 6; i++)
        {
            var finished = Entry($"done-{i}", 1, JournalState.Finished) with { Result = Result($"done-{i}") };
            await journal.WriteAsync(Entry($"done-{i}", 1, JournalState.Accepted), durable: true);
            await journal.WriteAsync(finished, durable: true);
            await journal.WriteAsync(finished with { Delivered = true }, durable: false);
        }

        var first = Segments().First();
        while (Segments().First() == first && Segments().Count() == 1)
        {
            await journal.WriteAsync(Entry("filler", 1, JournalState.Accepted) with { Task = Entry("filler", 1, JournalState.Accepted).Task with { Cmd = new string('x', 2000) } }, durable: true);
        }

        Assert.That(File.ReadAllLines(first), Has.Length.EqualTo(6), "the delivered records only");
        var restarted = Restart();
        Assert.That(Enumerable.Range(0, 6).Select(i => restarted.TryReadDelivered(new RunKey($"done-{i}", 1))?.Result), Is.EqualTo(Enumerable.Range(0, 6).Select(i => Result($"done-{i}"))));
        Assert.That(restarted.ReadOpen().Select(e => e.Task.RunId), Is.EquivalentTo(new[] { "open", "filler" }));
    }

    [Test]
    public async Task Open_KeepsEveryRunsLatestState_AfterManyConcurrentRunsThroughRotationsSweepsAndReads()
    {
        journal.Dispose();
        journal = Reopen(segmentBytes: 32 * 1024);
        var cutoff = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        using var done = new CancellationTokenSource();
        // Lookups and sweeps while segments rotate, are compacted and deleted under them.
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                journal.TryReadDelivered(new RunKey("run-4", 1));
                journal.SweepDelivered(cutoff);
                await Task.Delay(1);
            }
        });

        // Runs divisible by 3 stay open, the others are delivered; even ones after the cutoff (kept), odd ones before it (swept).
        await Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var finished = Entry($"run-{i}", 1, JournalState.Finished) with { Result = Result($"run-{i}") };
            await journal.WriteAsync(Entry($"run-{i}", 1, JournalState.Accepted), durable: true);
            await journal.WriteAsync(Entry($"run-{i}", 1, JournalState.Running), durable: false);
            if (i % 3 != 0)
            {
                await journal.WriteAsync(finished, durable: true);
                await journal.WriteAsync(finished with { Delivered = true, UpdatedAt = cutoff.AddHours(i % 2 == 0 ? 1 : -1) }, durable: false);
            }
        });
        await done.CancelAsync();
        await reader;

        var restarted = Restart();
        restarted.SweepDelivered(cutoff);
        var expectedOpen = Enumerable.Range(0, 600).Where(i => i % 3 == 0).Select(i => $"run-{i}");
        var expectedKept = Enumerable.Range(0, 600).Where(i => i % 3 != 0 && i % 2 == 0).Select(i => ($"run-{i}", 1));
        Assert.That(Segments().Count(), Is.GreaterThan(1), "rotated at least once");
        Assert.That(restarted.ReadOpen().Select(e => (e.Task.RunId, e.State)), Is.EquivalentTo(expectedOpen.Select(id => (id, JournalState.Running))));
        Assert.That(restarted.DeliveredAttempts(), Is.EquivalentTo(expectedKept));
        Assert.That(expectedKept.Select(k => restarted.TryReadDelivered(new RunKey(k.Item1, 1))?.Result?.RunId), Is.EqualTo(expectedKept.Select(k => k.Item1)));
    }

    [Test]
    public async Task Open_MigratesOneFilePerRunJournal_WhenAnOlderAgentLeftOne()
    {
        journal.Dispose();
        var legacy = LegacyJson;
        Directory.CreateDirectory(Path.Combine(directory, "delivered"));
        File.WriteAllText(Path.Combine(directory, "queued.1.json"), JsonSerializer.Serialize(Entry("queued", 1, JournalState.Accepted), legacy));
        File.WriteAllText(Path.Combine(directory, "done.1.json"), JsonSerializer.Serialize(Entry("done", 1, JournalState.Finished) with { Result = Result("done") }, legacy));
        File.WriteAllText(Path.Combine(directory, "delivered", "sent.1.json"), JsonSerializer.Serialize(Entry("sent", 1, JournalState.Finished) with { Result = Result("sent"), Delivered = true }, legacy));
        File.WriteAllText(Path.Combine(directory, "queued.1.json.0123.tmp"), "half a write");

        journal = Reopen();

        Assert.That(journal.ReadOpen().Select(e => (e.Task.RunId, e.State)), Is.EquivalentTo(new[] { ("queued", JournalState.Accepted), ("done", JournalState.Finished) }));
        Assert.That(journal.TryReadDelivered(new RunKey("sent", 1))?.Result, Is.EqualTo(Result("sent")));
        Assert.That(Directory.GetFileSystemEntries(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "journal.lock", Path.GetFileName(Segments().Single()) }), "the old files are gone");
        var restarted = Restart();
        Assert.That(restarted.ReadOpen(), Has.Count.EqualTo(2), "migrated once, kept after a restart");
        Assert.That(restarted.TryReadDelivered(new RunKey("sent", 1)), Is.Not.Null);
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

    private IEnumerable<string> Segments() => Directory.GetFiles(directory, "segment-*.jsonl").Order(StringComparer.Ordinal);

    /// <summary>Closes the journal as a stopping agent does and opens it again as the next start does.</summary>
    private RunJournal Restart()
    {
        journal.Dispose();
        journal = Reopen();
        return journal;
    }

    private RunJournal Reopen(ILoggerProvider? log = null, long segmentBytes = RunJournal.DefaultSegmentBytes)
    {
        var opened = new RunJournal(directory, log is null ? NullLogger<RunJournal>.Instance : new LoggerFactory([log]).CreateLogger<RunJournal>(), segmentBytes);
        opened.Open();
        return opened;
    }
}
