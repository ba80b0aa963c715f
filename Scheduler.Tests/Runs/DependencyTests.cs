using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using static EasyTask.Scheduler.Tests.Runs.RunCreatorTests;

namespace EasyTask.Scheduler.Tests.Runs;

internal sealed class DependencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task Dependent_WaitsInActive_ThenTriggers_WhenUpstreamSucceeds()
    {
        await engine.InsertAsync(Task(1, "Generate_Invoice"));
        await engine.InsertAsync(Task(2, "Send_Email_Invoice") with { DependsOn = [new TaskDependency { Task = "Generate_Invoice" }] });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FireAsync(1, engine.Time.GetUtcNow());
        await engine.FireAsync(2, engine.Time.GetUtcNow());
        var waiting = (await engine.RunsOfAsync("Send_Email_Invoice")).Single();

        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FinishAsync((await engine.RunsOfAsync("Generate_Invoice")).Single(), RunStatus.Success);

        Assert.That(waiting.Status, Is.EqualTo(RunStatus.Active));
        Assert.That(await engine.WaitingReasonAsync(waiting.RunId), Does.Not.Contain("waiting for Generate_Invoice"));
        Assert.That((await engine.RunsOfAsync("Send_Email_Invoice")).Single().Status, Is.EqualTo(RunStatus.Trigger));
    }

    [Test]
    public async Task Dependent_ExplainsWhatItWaitsFor_WhileUpstreamRuns()
    {
        await engine.InsertAsync(Task(1, "up"));
        await engine.InsertAsync(Task(2, "down") with { DependsOn = [new TaskDependency { Task = "up" }] });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FireAsync(1, engine.Time.GetUtcNow());
        await engine.FireAsync(2, engine.Time.GetUtcNow());

        var run = (await engine.RunsOfAsync("down")).Single();

        Assert.That(await engine.WaitingReasonAsync(run.RunId), Does.StartWith("waiting for up (success): no run finished since").And.Contain("is TRIGGER"));
    }

    [Test]
    public async Task Dependent_FailsWithDependencyFailed_WhenUpstreamFails()
    {
        await engine.InsertAsync(Task(1, "up"));
        await engine.InsertAsync(Task(2, "down") with { DependsOn = [new TaskDependency { Task = "up" }] });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FireAsync(1, engine.Time.GetUtcNow());
        await engine.FireAsync(2, engine.Time.GetUtcNow());

        await engine.FinishAsync((await engine.RunsOfAsync("up")).Single(), RunStatus.Failed, returnCode: 3);

        var down = (await engine.RunsOfAsync("down")).Single();
        Assert.That(down.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(down.Reason, Is.EqualTo(RunReason.DependencyFailed));
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.TaskName), Is.EqualTo(new[] { "up" }));
    }

    [TestCase(DependencyCondition.Failure, RunStatus.Failed, RunStatus.Trigger)]
    [TestCase(DependencyCondition.Failure, RunStatus.Success, RunStatus.Failed)]
    [TestCase(DependencyCondition.Done, RunStatus.Failed, RunStatus.Trigger)]
    [TestCase(DependencyCondition.Done, RunStatus.Terminated, RunStatus.Trigger)]
    [TestCase(DependencyCondition.Done, RunStatus.Success, RunStatus.Trigger)]
    public async Task Dependent_FollowsCondition(string condition, RunStatus upstreamEnd, RunStatus expected)
    {
        await engine.InsertAsync(Task(1, "up"));
        await engine.InsertAsync(Task(2, "down") with { DependsOn = [new TaskDependency { Task = "up", On = condition }] });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FireAsync(1, engine.Time.GetUtcNow());
        await engine.FireAsync(2, engine.Time.GetUtcNow());

        await engine.FinishAsync((await engine.RunsOfAsync("up")).Single(), upstreamEnd);

        Assert.That((await engine.RunsOfAsync("down")).Single().Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task DependencyOnlyTask_RunsOnceEachTimeItsConditionsBecomeTrue()
    {
        await engine.InsertAsync(Task(1, "up"));
        await engine.InsertAsync(Task(2, "after_up") with { TriggerTimes = null, DependsOn = [new TaskDependency { Task = "up" }] });

        foreach (var minute in new[] { 1, 2 })
        {
            engine.Time.Advance(TimeSpan.FromMinutes(1));
            await engine.FireAsync(1, engine.Time.GetUtcNow());
            engine.Time.Advance(TimeSpan.FromSeconds(10));
            var up = (await engine.RunsOfAsync("up")).Last();
            await engine.FinishAsync(up, RunStatus.Success);
            Assert.That(await engine.RunsOfAsync("after_up"), Has.Count.EqualTo(minute), $"after upstream run {minute}");
        }

        Assert.That((await engine.RunsOfAsync("after_up")).Select(r => r.Status), Is.All.EqualTo(RunStatus.Trigger));
    }

    [Test]
    public async Task DependencyOnlyTask_DoesNotRun_WhenUpstreamFails()
    {
        await engine.InsertAsync(Task(1, "up"));
        await engine.InsertAsync(Task(2, "after_up") with { TriggerTimes = null, DependsOn = [new TaskDependency { Task = "up" }] });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await engine.FireAsync(1, engine.Time.GetUtcNow());

        await engine.FinishAsync((await engine.RunsOfAsync("up")).Single(), RunStatus.Failed, returnCode: 1);

        Assert.That(await engine.RunsOfAsync("after_up"), Is.Empty);
    }
}
