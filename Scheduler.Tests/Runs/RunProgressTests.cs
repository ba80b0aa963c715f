using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using static EasyTask.Scheduler.Tests.Runs.RunCreatorTests;

namespace EasyTask.Scheduler.Tests.Runs;

internal sealed class RunProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task Reports_MoveRunThroughTheDocumentedLifecycle_WhenAgentRunsIt()
    {
        var run = await TriggeredAsync(Task(1, "lifecycle"));

        await engine.Lifecycle.AcceptedAsync(new RunAccepted { RunId = run.RunId, Attempt = 1, Host = "localhost", At = Now }, default);
        await engine.Lifecycle.StartedAsync(new RunStarted { RunId = run.RunId, Attempt = 1, Host = "localhost", ProcessId = 42, At = Now.AddSeconds(1) }, default);
        await engine.Lifecycle.FinishedAsync(Finished(run, "SUCCESS", 0, Now.AddSeconds(3)), default);

        var done = (await engine.Runs.FindAsync(run.RunId, default))!;
        Assert.That(await engine.TimelineAsync(done), Is.EqualTo(new[] { "-->ACTIVE", "ACTIVE->TRIGGER", "TRIGGER->STARTED", "STARTED->RUNNING", "RUNNING->SUCCESS" }));
        Assert.That((done.Status, done.Reason, done.ReturnCode), Is.EqualTo((RunStatus.Success, (string?)RunReason.ExitCode, (int?)0)));
        Assert.That(done.FinishedAt - done.StartedAt, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Finished_ChangesNothing_WhenItIsForAnOlderAttempt()
    {
        var run = await TriggeredAsync(Task(1, "stale"));

        await engine.Lifecycle.FinishedAsync(Finished(run, "FAILED", 1, Now) with { Attempt = 7 }, default);

        Assert.That((await engine.Runs.FindAsync(run.RunId, default))!.Status, Is.EqualTo(RunStatus.Trigger));
    }

    [Test]
    public async Task Failure_RetriesAfterBackoff_ThenSucceeds_WhenRetriesAreLeft()
    {
        var run = await TriggeredAsync(Task(1, "flaky") with { RetryAttempts = 2, RetryDelay = 10 });

        await engine.Lifecycle.FinishedAsync(Finished(run, "FAILED", 3, Now), default);
        var waiting = (await engine.Runs.FindAsync(run.RunId, default))!;
        await engine.Lifecycle.RecheckAsync(default);
        var stillWaiting = (await engine.Runs.FindAsync(run.RunId, default))!;
        engine.Time.Advance(TimeSpan.FromSeconds(13));
        await engine.Lifecycle.RecheckAsync(default);
        var retried = (await engine.Runs.FindAsync(run.RunId, default))!;
        await engine.Lifecycle.FinishedAsync(Finished(retried, "SUCCESS", 0, engine.Time.GetUtcNow()), default);

        Assert.That((waiting.Status, waiting.Attempt), Is.EqualTo((RunStatus.Active, 2)));
        Assert.That(stillWaiting.Status, Is.EqualTo(RunStatus.Active), "backoff of about 10 s not over yet");
        Assert.That((retried.Status, retried.Attempt), Is.EqualTo((RunStatus.Trigger, 2)));
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.Attempt), Is.EqualTo(new[] { 1, 2 }));
        var attempts = await engine.Runs.AttemptsAsync(run.RunId, default);
        Assert.That(attempts.Select(a => (a.Attempt, a.Status, a.ReturnCode)), Is.EqualTo(new[] { (1, RunStatus.Failed, (int?)3), (2, RunStatus.Success, (int?)0) }));
        Assert.That((await engine.Runs.FindAsync(run.RunId, default))!.Status, Is.EqualTo(RunStatus.Success));
    }

    [Test]
    public async Task Failure_EndsRunFailed_WhenRetriesAreUsedUp()
    {
        var run = await TriggeredAsync(Task(1, "broken"));

        await engine.Lifecycle.FinishedAsync(Finished(run, "FAILED", 2, Now), default);

        var done = (await engine.Runs.FindAsync(run.RunId, default))!;
        Assert.That((done.Status, done.ReturnCode), Is.EqualTo((RunStatus.Failed, (int?)2)));
    }

    [Test]
    public async Task Watch_EndsRunAgentLost_WhenItsAgentFallsSilent()
    {
        var run = await TriggeredAsync(Task(1, "orphan"));
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);
        await engine.Lifecycle.StartedAsync(new RunStarted { RunId = run.RunId, Attempt = 1, Host = "localhost", At = Now }, default);

        engine.Time.Advance(TimeSpan.FromSeconds(20));
        await engine.Watch.CheckAsync(default);
        var stillRunning = (await engine.Runs.FindAsync(run.RunId, default))!;
        engine.Time.Advance(TimeSpan.FromSeconds(15));
        await engine.Watch.CheckAsync(default);

        var lost = (await engine.Runs.FindAsync(run.RunId, default))!;
        Assert.That(stillRunning.Status, Is.EqualTo(RunStatus.Running));
        Assert.That((lost.Status, lost.Reason), Is.EqualTo((RunStatus.Failed, (string?)RunReason.AgentLost)));
    }

    [Test]
    public async Task Watch_CancelsTheOldAttemptOnItsAgentBeforeTheRetry_WhenTheAgentIsLost()
    {
        var run = await TriggeredAsync(Task(1, "slow_agent") with { RetryAttempts = 1, RetryDelay = 10 });
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);
        await engine.Lifecycle.StartedAsync(new RunStarted { RunId = run.RunId, Attempt = 1, Host = "localhost", At = Now }, default);

        engine.Time.Advance(TimeSpan.FromSeconds(35));
        await engine.Watch.CheckAsync(default);
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);
        engine.Time.Advance(TimeSpan.FromSeconds(13));
        await engine.Lifecycle.WakeRetriesAsync(default);

        Assert.That(engine.Dispatcher.Sent, Is.EqualTo(new[]
        {
            $"run {run.RunId} attempt 1",
            $"cancel {run.RunId} attempt 1",
            $"run {run.RunId} attempt 2",
        }));
    }

    [Test]
    public async Task Watch_SendsRunAgain_WhenLiveAgentDoesNotAcknowledge()
    {
        var run = await TriggeredAsync(Task(1, "unacked"));
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);

        await engine.Watch.CheckAsync(default);
        var beforeTimeout = engine.Dispatcher.Dispatched.Count;
        engine.Time.Advance(new Scheduler.Runs.DispatchOptions().AcknowledgeTimeout);
        await engine.Watch.CheckAsync(default);

        Assert.That(beforeTimeout, Is.EqualTo(1), "the run entered TRIGGER just now (its timeline says so): no resend yet");
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { run.RunId, run.RunId }));
    }

    [Test]
    public async Task Watch_ExplainsTheWait_WhenNoAgentOfThatNameIsAlive()
    {
        var run = await TriggeredAsync(Task(1, "nobody") with { RunOnHost = "billing-01" });

        await engine.Watch.CheckAsync(default);

        Assert.That(await engine.WaitingReasonAsync(run.RunId), Does.Contain("no agent named billing-01 has been heard from"));
        Assert.That(engine.Dispatcher.Dispatched, Has.Count.EqualTo(1));
    }

    private async Task<RunRecord> TriggeredAsync(Contracts.Definitions.TaskDefinition definition)
    {
        await engine.InsertAsync(definition);
        await engine.FireAsync(definition.Tid, Now);
        return (await engine.RunsOfAsync(definition.Name)).Single();
    }

    private static RunFinished Finished(RunRecord run, string status, int code, DateTimeOffset at) => new()
    {
        RunId = run.RunId,
        Attempt = run.Attempt,
        Host = "localhost",
        Status = status,
        Reason = RunReason.ExitCode,
        ReturnCode = code,
        StartedAt = at.AddSeconds(-2),
        FinishedAt = at,
    };
}
