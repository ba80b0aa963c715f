using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using static EasyTask.Scheduler.Tests.Runs.RunCreatorTests;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>A retry's wake-up time is in the database: a restart neither forgets it nor sends the retry early.</summary>
internal sealed class RetryPersistenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task Retry_FiresAtItsNotBefore_NotAtStart_WhenSchedulerRestartsWhileItWaits()
    {
        var run = await FailedOnceAsync(retryDelay: 30);
        var waiting = (await engine.Runs.FindAsync(run.RunId, default))!;
        var notBefore = waiting.NotBefore!.Value;

        engine.Time.Advance(TimeSpan.FromSeconds(5));
        engine = await engine.RestartAsync();
        await engine.Lifecycle.WakeRetriesAsync(default);
        await engine.Lifecycle.RecheckAsync(default);
        var afterRestart = (await engine.Runs.FindAsync(run.RunId, default))!;
        var reason = await engine.WaitingReasonAsync(run.RunId);
        engine.Time.Advance(notBefore - engine.Time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        await engine.Lifecycle.WakeRetriesAsync(default);
        var justBefore = (await engine.Runs.FindAsync(run.RunId, default))!;
        engine.Time.Advance(TimeSpan.FromMilliseconds(1));
        await engine.Lifecycle.WakeRetriesAsync(default);
        var fired = (await engine.Runs.FindAsync(run.RunId, default))!;

        Assert.That(notBefore - Now, Is.InRange(TimeSpan.FromSeconds(22.5), TimeSpan.FromSeconds(37.5)), "30 s with 25 % jitter");
        Assert.That((afterRestart.Status, afterRestart.Attempt), Is.EqualTo((RunStatus.Active, 2)), "a restart does not send the retry at once");
        Assert.That(reason, Does.Contain("waits for its retry backoff until"));
        Assert.That(justBefore.Status, Is.EqualTo(RunStatus.Active), "not a millisecond early");
        Assert.That((fired.Status, fired.Attempt, fired.NotBefore), Is.EqualTo((RunStatus.Trigger, 2, (DateTimeOffset?)null)));
        Assert.That(engine.Dispatcher.Dispatched.Select(r => (r.RunId, r.Attempt)), Is.EqualTo(new[] { (run.RunId, 2) }), "the restarted engine sent attempt 2 once");
    }

    [Test]
    public async Task FailedAttempt_StoresNotBefore_BackoffAwayFromTheFailure()
    {
        var run = await FailedOnceAsync(retryDelay: 10);

        var waiting = (await engine.Runs.FindAsync(run.RunId, default))!;

        Assert.That(waiting.NotBefore - Now, Is.InRange(TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(12.5)));
    }

    private async Task<EasyTask.Scheduler.Storage.RunRecord> FailedOnceAsync(int retryDelay)
    {
        var definition = Task(1, "flaky") with { RetryAttempts = 1, RetryDelay = retryDelay };
        await engine.InsertAsync(definition);
        await engine.FireAsync(1, Now);
        var run = (await engine.RunsOfAsync("flaky")).Single();
        await engine.Lifecycle.FinishedAsync(
            new RunFinished { RunId = run.RunId, Attempt = 1, Host = "localhost", Status = "FAILED", Reason = RunReason.ExitCode, ReturnCode = 1, StartedAt = Now, FinishedAt = Now },
            default);
        return run;
    }
}
