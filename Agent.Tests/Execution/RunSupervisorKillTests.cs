using EasyTask.Agent.Execution.Launch;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>Timeouts and cancels kill the whole tree, whichever way the shell was started.</summary>
[TestFixture(SpawnMethod.PosixSpawn)]
[TestFixture(SpawnMethod.DotnetProcess)]
internal sealed class RunSupervisorKillTests(SpawnMethod spawnMethod)
{
    private AgentHarness agent = null!;

    [SetUp]
    public async Task StartAgent() => agent = await AgentHarness.StartAsync(o =>
    {
        o.KillGracePeriod = TimeSpan.FromMilliseconds(500);
        o.SpawnMethod = spawnMethod;
    });

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task AcceptAsync_TerminatesWholeTreeAsTimedOut_WhenMaxRunTimePasses()
    {
        var task = agent.Task("sleep 300 & echo $! > grandchild.pid; sleep 300") with { MaxRunTime = 1 };

        var finished = await agent.RunAsync(task);

        var grandchild = await ProcessProbe.ReadPidAsync(Path.Combine(agent.WorkDirectory, "grandchild.pid"));
        Assert.Multiple(async () =>
        {
            Assert.That((finished.Status, finished.Reason), Is.EqualTo(("TERMINATED", RunReason.TimedOut)));
            Assert.That(finished.ReturnCode, Is.EqualTo(128 + 15), "the shell died of SIGTERM");
            Assert.That(finished.Detail, Does.Contain("max_run_time 1 s"));
            Assert.That(finished.FinishedAt - finished.StartedAt!.Value, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(await ProcessProbe.IsGoneSoonAsync(grandchild), Is.True, $"grandchild {grandchild} survived");
        });
    }

    [Test]
    public async Task AcceptAsync_EscalatesToSigkill_WhenTreeIgnoresSigterm()
    {
        var task = agent.Task("trap '' TERM; sleep 300 & echo $! > stubborn.pid; wait") with { MaxRunTime = 1 };

        var finished = await agent.RunAsync(task);

        var stubborn = await ProcessProbe.ReadPidAsync(Path.Combine(agent.WorkDirectory, "stubborn.pid"));
        Assert.That((finished.Status, finished.Reason, finished.ReturnCode), Is.EqualTo(("TERMINATED", RunReason.TimedOut, (int?)(128 + 9))));
        Assert.That(await ProcessProbe.IsGoneSoonAsync(stubborn), Is.True, $"process {stubborn} ignoring SIGTERM survived");
    }

    [Test]
    public async Task CancelAsync_TerminatesAsKilled_WhenRunIsRunning()
    {
        var task = agent.Task("sleep 300 & echo $! > child.pid; wait");
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        await agent.Sink.StartedAsync(task.RunId);
        var child = await ProcessProbe.ReadPidAsync(Path.Combine(agent.WorkDirectory, "child.pid"));

        await agent.Supervisor.CancelAsync(new CancelRun { RunId = task.RunId, Attempt = 1, RequestedBy = "alice" }, CancellationToken.None);

        var finished = await agent.Sink.FinishedAsync(task.RunId);
        Assert.That((finished.Status, finished.Reason), Is.EqualTo(("TERMINATED", RunReason.Killed)));
        Assert.That(finished.Detail, Does.Contain("alice"));
        Assert.That(await ProcessProbe.IsGoneSoonAsync(child), Is.True);
    }

    [Test]
    public async Task CancelAsync_EndsWaitingRunWithoutStartingIt_WhenAllSlotsAreBusy()
    {
        await agent.DisposeAsync();
        agent = await AgentHarness.StartAsync(o =>
        {
            o.MaxConcurrentRuns = 1;
            o.SpawnMethod = spawnMethod;
        });
        var busy = agent.Task("sleep 300");
        var waiting = agent.Task("touch waiting-ran");
        await agent.Supervisor.AcceptAsync(busy, CancellationToken.None);
        await agent.Sink.StartedAsync(busy.RunId);
        await agent.Supervisor.AcceptAsync(waiting, CancellationToken.None);

        await agent.Supervisor.CancelAsync(new CancelRun { RunId = waiting.RunId, Attempt = 1 }, CancellationToken.None);

        var finished = await agent.Sink.FinishedAsync(waiting.RunId);
        Assert.That((finished.Status, finished.Reason, finished.StartedAt), Is.EqualTo(("TERMINATED", RunReason.Killed, (DateTimeOffset?)null)));
        Assert.That(agent.Sink.Of<RunStarted>(waiting.RunId), Is.Empty);
        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "waiting-ran")), Is.False);
    }

    [Test]
    public async Task CancelAsync_SendsResultAgain_WhenRunAlreadyFinished()
    {
        var task = agent.Task("true");
        var finished = await agent.RunAsync(task);

        await agent.Supervisor.CancelAsync(new CancelRun { RunId = task.RunId, Attempt = 1 }, CancellationToken.None);

        Assert.That(agent.Sink.Of<RunFinished>(task.RunId), Is.EqualTo(new[] { finished, finished }), "the run is not changed, the scheduler hears how it ended");
    }

    [Test]
    public async Task StopAsync_KillsRunningTreesAndReportsTerminatedShutdown_WhenAgentStops()
    {
        var task = agent.Task("sleep 300 & echo $! > child.pid; wait");
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        var child = await ProcessProbe.ReadPidAsync(Path.Combine(agent.WorkDirectory, "child.pid"));

        await agent.Supervisor.StopAsync(CancellationToken.None);

        var finished = await agent.Sink.FinishedAsync(task.RunId);
        Assert.That((finished.Status, finished.Reason), Is.EqualTo(("TERMINATED", RunReason.Shutdown)));
        Assert.That(await ProcessProbe.IsGoneSoonAsync(child), Is.True);
    }
}
