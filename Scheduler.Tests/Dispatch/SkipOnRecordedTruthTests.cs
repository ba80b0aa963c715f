using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Dispatch;
using EasyTask.Scheduler.Tests.Infrastructure;
using EasyTask.Scheduler.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Dispatch;

/// <summary>
/// A <c>skip</c> task's next occurrence is judged on the recorded truth: agent events reach the recorder as from the
/// bus, and the recorder is held back (its test seam) as a recorder far behind the bus would be.
/// </summary>
internal sealed class SkipOnRecordedTruthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    // Owned by the engine's services, which dispose it.
    private AgentEventBatcher Recorder => engine.Services.GetRequiredService<AgentEventBatcher>();

    [SetUp]
    public async Task Start()
    {
        engine = await EngineHarness.StartAsync(Now);
        Recorder.WriteDelay = TimeSpan.FromMilliseconds(400);
        await Recorder.StartAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task Stop()
    {
        await Recorder.StopAsync(CancellationToken.None);
        await engine.DisposeAsync();
    }

    [Test]
    public async Task CreateAsync_RunsTheNextOccurrence_WhenThePreviousRunFinishedOnItsAgentButIsNotRecordedYet()
    {
        await engine.InsertAsync(RunCreatorTests.Task(1, "tick"));
        await engine.FireAsync(1, Now);
        var previous = (await engine.RunsOfAsync("tick")).Single();
        var reported = ReportAsync(previous.RunId, finished: true);

        await engine.FireAsync(1, Now.AddSeconds(1));
        await reported;

        var runs = await engine.RunsOfAsync("tick");
        Assert.That(runs.Select(r => (r.Status, r.Reason)), Is.EqualTo(new[] { (RunStatus.Success, (string?)RunReason.ExitCode), (RunStatus.Trigger, null) }),
            "the previous run had ended on its agent: the next occurrence runs, it is not skipped");
    }

    [Test]
    public async Task CreateAsync_SkipsTheNextOccurrence_WhenThePreviousRunIsStillRunningOnItsAgent()
    {
        await engine.InsertAsync(RunCreatorTests.Task(1, "tick"));
        await engine.FireAsync(1, Now);
        var previous = (await engine.RunsOfAsync("tick")).Single();
        var reported = ReportAsync(previous.RunId, finished: false);

        await engine.FireAsync(1, Now.AddSeconds(1));
        await reported;

        var runs = await engine.RunsOfAsync("tick");
        Assert.That(runs.Select(r => (r.Status, r.Reason)), Is.EqualTo(new[] { (RunStatus.Running, (string?)null), (RunStatus.Failed, RunReason.Skipped) }));
    }

    /// <summary>What the agent sends for the run, handed to the recorder as the bus consumer does (not yet recorded when this returns).</summary>
    private Task ReportAsync(string runId, bool finished)
    {
        var sent = new List<Task>
        {
            Recorder.SubmitAsync(new RunAccepted { RunId = runId, Attempt = 1, Host = "localhost", At = Now }, default),
            Recorder.SubmitAsync(new RunStarted { RunId = runId, Attempt = 1, Host = "localhost", ProcessId = 42, At = Now }, default),
        };
        if (finished)
        {
            sent.Add(Recorder.SubmitAsync(
                new RunFinished { RunId = runId, Attempt = 1, Host = "localhost", Status = "SUCCESS", Reason = RunReason.ExitCode, ReturnCode = 0, StartedAt = Now, FinishedAt = Now },
                default));
        }

        return Task.WhenAll(sent);
    }
}
