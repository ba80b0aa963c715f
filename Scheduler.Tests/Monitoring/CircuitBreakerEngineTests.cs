using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Monitoring;

/// <summary>The breaker inside the engine (real SQLite, the agent played by the test): spawn failures open it, runs then wait.</summary>
internal sealed class CircuitBreakerEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task SpawnFailures_OpenTheHostsBreaker_SoTheNextRunWaitsAndHealthListsIt()
    {
        RunRecord? fifth = null;
        for (var tid = 1; tid <= 5; tid++)
        {
            fifth = await TriggeredAsync(Task(tid));
            await engine.Lifecycle.FinishedAsync(SpawnFailed(fifth), default);
        }

        var sixth = await TriggeredAsync(Task(6));
        var timeline = await engine.Services.GetRequiredService<IMonitoringStore>().TimelineAsync(fifth!.RunId, default);
        var health = await ActivatorUtilities.CreateInstance<HealthReporter>(engine.Services).ReportAsync(default);

        Assert.That(sixth.Status, Is.EqualTo(RunStatus.Active), "not dispatched while the breaker is open");
        Assert.That(await engine.WaitingReasonAsync(sixth.RunId), Does.Contain("circuit breaker for host localhost is open"));
        Assert.That(timeline.Where(e => e.Type == "circuit_breaker_opened").Select(e => e.Severity), Is.EqualTo(new[] { "critical" }));
        Assert.That(health.CircuitBreakers.Select(b => (b.Host, b.State, b.ConsecutiveFailures)), Is.EqualTo(new[] { ("localhost", "open", 5) }));
        Assert.That(health.Status, Is.EqualTo("degraded"));
    }

    [Test]
    public async Task PermanentFailure_GoesStraightToTheFailedList_WithoutRetrying()
    {
        var run = await TriggeredAsync(Task(7) with { RetryAttempts = 3 });

        await engine.Lifecycle.FinishedAsync(SpawnFailed(run) with { Detail = "working_dir \"/missing\" does not exist on agent localhost (or is not a directory)", Cause = NotStartedCause.WorkingDirMissing }, default);

        var done = (await engine.Runs.FindAsync(run.RunId, default))!;
        var failed = await engine.Services.GetRequiredService<IMonitoringStore>().FindFailedAsync(run.RunId, default);
        Assert.That((done.Status, done.Attempt), Is.EqualTo((RunStatus.Failed, 1)));
        Assert.That(failed!.ErrorClass, Is.EqualTo("permanent"));
    }

    private async Task<RunRecord> TriggeredAsync(TaskDefinition definition)
    {
        await engine.InsertAsync(definition);
        await engine.FireAsync(definition.Tid, Now);
        return (await engine.RunsOfAsync(definition.Name)).Single();
    }

    private static TaskDefinition Task(long tid) => new()
    {
        Tid = tid,
        Name = $"spawn_{tid}",
        Cmd = "true",
        RunOnHost = "localhost",
        TriggerTimes = "08:00",
        Timezone = "UTC",
    };

    private static RunFinished SpawnFailed(RunRecord run) => new()
    {
        RunId = run.RunId,
        Attempt = run.Attempt,
        Host = "localhost",
        Status = "FAILED",
        Reason = RunReason.DispatchFailed,
        FinishedAt = Now,
        Detail = "the shell could not be started (/bin/sh): No such file or directory",
        Cause = NotStartedCause.SpawnFailed,
    };
}
