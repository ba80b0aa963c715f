using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>An adhoc run has no task: the run watch sends it again from its stored command, like any run stuck in TRIGGER.</summary>
internal sealed class AdhocResendTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop() => await engine.DisposeAsync();

    [Test]
    public async Task Watch_SendsAdhocRunAgainWithItsCommand_WhenLiveAgentDoesNotAcknowledge()
    {
        var adhoc = ActivatorUtilities.CreateInstance<AdhocRuns>(engine.Services);
        var run = await adhoc.StartAsync(new AdhocCommand("echo from adhoc", "localhost", "batch", 120), "test-admin", default);
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);

        await engine.Watch.CheckAsync(default);
        var beforeTimeout = engine.Dispatcher.Dispatched.Count;
        engine.Time.Advance(new DispatchOptions().AcknowledgeTimeout);
        await engine.Watch.CheckAsync(default);

        Assert.That(beforeTimeout, Is.EqualTo(1), "sent once when started; not again before the timeout");
        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { run.RunId, run.RunId }), "sent again after the timeout");
        var resent = engine.Dispatcher.Definitions.Last();
        Assert.That((resent.Cmd, resent.RunOnHost, resent.TaskOwner, resent.MaxRunTime), Is.EqualTo(("echo from adhoc", "localhost", (string?)"batch", 120)));
    }

    [Test]
    public async Task Watch_SendsAdhocRunAgain_AfterASchedulerRestart()
    {
        var adhoc = ActivatorUtilities.CreateInstance<AdhocRuns>(engine.Services);
        var run = await adhoc.StartAsync(new AdhocCommand("echo survives", "localhost", null, 0), "test-admin", default);
        engine = await engine.RestartAsync();
        await engine.Agents.HeardAsync(new AgentHeartbeat { Host = "localhost", Version = "test", StartedAt = Now, At = Now }, default);

        engine.Time.Advance(new DispatchOptions().AcknowledgeTimeout);
        await engine.Watch.CheckAsync(default);

        Assert.That(engine.Dispatcher.Dispatched.Select(r => r.RunId), Is.EqualTo(new[] { run.RunId }), "the new scheduler sends the waiting adhoc run");
        Assert.That(engine.Dispatcher.Definitions.Single().Cmd, Is.EqualTo("echo survives"));
    }
}
