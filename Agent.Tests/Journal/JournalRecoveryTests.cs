using System.Diagnostics;
using EasyTask.Agent.Execution;
using EasyTask.Agent.Journal;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Agent.Tests.Journal;

internal sealed class JournalRecoveryTests
{
    [Test]
    public async Task StartAsync_ResendsResult_WhenItWasNotDeliveredBeforeRestart()
    {
        await using var agent = await AgentHarness.StartAsync();
        agent.Sink.RefuseFinished = true;
        var task = agent.Task("echo done >> runs.txt");
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        await WaitUntil(() => agent.Sink.FinishedRefusals > 0);

        await agent.RestartAsync();

        var finished = await agent.Sink.FinishedAsync(task.RunId);
        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)));
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        Assert.That(File.ReadAllLines(Path.Combine(agent.WorkDirectory, "runs.txt")), Has.Length.EqualTo(1), "a redelivery after the restart starts nothing");
    }

    [Test]
    public async Task StartAsync_RetriesDeliveryUntilSinkTakesResult_WhileBrokerIsDown()
    {
        await using var agent = await AgentHarness.StartAsync(o => o.ResultRetryInterval = TimeSpan.FromMilliseconds(100));
        agent.Sink.RefuseFinished = true;
        var task = agent.Task("true");
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        await WaitUntil(() => agent.Sink.FinishedRefusals > 1);

        agent.Sink.RefuseFinished = false;

        Assert.That((await agent.Sink.FinishedAsync(task.RunId)).Status, Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task StartAsync_ReportsAgentLostAndKillsLeftovers_WhenAgentDiedMidRun()
    {
        Assume.That(OperatingSystem.IsLinux(), "leftover detection reads /proc");
        using var leftover = Process.Start(new ProcessStartInfo("/usr/bin/setsid") { ArgumentList = { "sleep", "300" } })!;
        await WaitUntil(() => ProcStat.Read(leftover.Id) is { ProcessGroup: var g } && g == leftover.Id);
        var running = RunJournalTests.Entry("in-flight", 1, JournalState.Running) with
        {
            Started = new RunStarted { RunId = "in-flight", Attempt = 1, Host = AgentHarness.Host, ProcessId = leftover.Id },
            Process = new ProcessIdentity(leftover.Id, ProcStat.Read(leftover.Id)!.Value.StartTicks, ProcStat.BootId()),
        };

        await using var agent = await AgentHarness.StartAsync(beforeStart: a =>
        {
            using var journal = Journal(a);
            journal.WriteAsync(running, durable: true).GetAwaiter().GetResult();
            journal.WriteAsync(RunJournalTests.Entry("queued", 1, JournalState.Accepted), durable: true).GetAwaiter().GetResult();
        });

        var lost = await agent.Sink.FinishedAsync("in-flight");
        Assert.That((lost.Status, lost.Reason), Is.EqualTo(("FAILED", RunReason.AgentLost)));
        Assert.That(lost.Detail, Does.Contain("restarted while the run was in flight").And.Contain("leftover processes"));
        Assert.That(await ProcessProbe.IsGoneSoonAsync(leftover.Id), Is.True);
        var queued = await agent.Sink.FinishedAsync("queued");
        Assert.That((queued.Status, queued.Reason), Is.EqualTo(("FAILED", RunReason.AgentLost)));
        Assert.That(queued.Detail, Does.Contain("never ran"));
    }

    [Test]
    public async Task StartAsync_ForgetsOnlyOldDeliveredResults_WhenRetentionHasPassed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero));
        await using var agent = await AgentHarness.StartAsync(time: time, beforeStart: a =>
        {
            using var journal = Journal(a);
            foreach (var (id, age) in new[] { ("old", TimeSpan.FromHours(7)), ("recent", TimeSpan.FromHours(5)) })
            {
                var entry = RunJournalTests.Entry(id, 1, JournalState.Finished) with { Delivered = true, UpdatedAt = time.GetUtcNow() - age };
                journal.WriteAsync(entry, durable: false).GetAwaiter().GetResult();
            }
        });

        Assert.That(agent.Supervisor.Journal.TryReadDelivered(new RunKey("old", 1)), Is.Null, "past the 6 h default retention");
        Assert.That(agent.Supervisor.Journal.TryReadDelivered(new RunKey("recent", 1)), Is.Not.Null);
    }

    [Test]
    public async Task AcceptAsync_AnswersWithJournaledResult_WhenDeliveredRunIsRedeliveredAfterRestart()
    {
        await using var agent = await AgentHarness.StartAsync();
        var task = agent.Task("echo ran >> ran.txt");
        var first = await agent.RunAsync(task);

        await agent.RestartAsync();
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);

        Assert.That(await agent.Sink.FinishedAsync(task.RunId), Is.EqualTo(first));
        Assert.That(File.ReadAllLines(Path.Combine(agent.WorkDirectory, "ran.txt")), Has.Length.EqualTo(1), "not run again");
    }

    [Test]
    public async Task StartAsync_SettlesEveryAcknowledgedRunExactlyOnce_WhenAgentWasKilled()
    {
        await using var agent = await AgentHarness.StartAsync(o => (o.MaxConcurrentRuns, o.ResultRetryInterval) = (2, TimeSpan.FromMinutes(10)));
        agent.Sink.RefuseFinished = true;
        var done = Enumerable.Range(0, 10).Select(i => agent.Task("true", $"done-{i}")).ToList();
        foreach (var task in done)
        {
            await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        }

        await WaitUntil(() => agent.Sink.FinishedRefusals >= 10);
        var running = Enumerable.Range(0, 2).Select(i => agent.Task("sleep 30", $"running-{i}")).ToList();
        var queued = Enumerable.Range(0, 3).Select(i => agent.Task("true", $"queued-{i}")).ToList();
        foreach (var task in running.Concat(queued))
        {
            await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        }

        await WaitUntil(() => agent.Supervisor.RunningRunIds.Count == 2);

        // What a kill -9 leaves: every record the journal wrote so far, nothing of what it would have done next.
        var killed = Path.Combine(agent.Root, "killed-journal");
        Directory.CreateDirectory(killed);
        foreach (var file in Directory.GetFiles(agent.Options.EffectiveJournalDirectory, "segment-*"))
        {
            File.Copy(file, Path.Combine(killed, Path.GetFileName(file)));
        }

        await using var restarted = await AgentHarness.StartAsync(o => o.JournalDirectory = killed);
        var all = done.Concat(running).Concat(queued).Select(t => t.RunId).ToList();
        foreach (var id in all)
        {
            await restarted.Sink.FinishedAsync(id);
        }

        await Task.Delay(300);
        Assert.That(all.Select(id => restarted.Sink.Of<RunFinished>(id).Count), Is.All.EqualTo(1), "each run settled exactly once");
        Assert.That(done.Select(t => restarted.Sink.Of<RunFinished>(t.RunId).Single().Status), Is.All.EqualTo("SUCCESS"));
        Assert.That(running.Concat(queued).Select(t => restarted.Sink.Of<RunFinished>(t.RunId).Single().Reason), Is.All.EqualTo(RunReason.AgentLost));
    }

    private static RunJournal Journal(AgentHarness agent)
    {
        var journal = new RunJournal(agent.Options.EffectiveJournalDirectory, NullLogger<RunJournal>.Instance);
        journal.Open();
        return journal;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, "condition not met in time");
    }
}
