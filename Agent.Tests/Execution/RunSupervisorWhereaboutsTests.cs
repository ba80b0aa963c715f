using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>
/// The agent's answer to <see cref="AskRuns"/>: where each run stands now, so the scheduler never skips an occurrence
/// behind a run that ended here while its result is still on the way.
/// </summary>
internal sealed class RunSupervisorWhereaboutsTests
{
    private AgentHarness agent = null!;

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task WhereaboutsAsync_SaysEndedWithTheProcessEnd_WhenTheResultIsStillUndelivered()
    {
        agent = await AgentHarness.StartAsync(o => o.ResultRetryInterval = TimeSpan.FromMinutes(5));
        agent.Sink.RefuseFinished = true;
        var task = agent.Task("true");
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        while (agent.Sink.FinishedRefusals == 0)
        {
            await Task.Delay(20);
        }

        var where = await AskAsync(task);

        Assert.That(where.State, Is.EqualTo(RunWhereabouts.Ended));
        Assert.That(where.EndedAt, Is.Not.Null.And.LessThanOrEqualTo(agent.Time.GetUtcNow()));
    }

    [Test]
    public async Task WhereaboutsAsync_SaysEndedWithTheResultsTime_WhenTheResultWasDelivered()
    {
        agent = await AgentHarness.StartAsync();
        var task = agent.Task("true");
        var finished = await agent.RunAsync(task);

        var where = await AskAsync(task);

        Assert.That((where.State, where.EndedAt), Is.EqualTo((RunWhereabouts.Ended, (DateTimeOffset?)finished.FinishedAt)));
    }

    [Test]
    public async Task WhereaboutsAsync_SaysRunningAndWaiting_WhileOneRunHoldsTheOnlySlot()
    {
        agent = await AgentHarness.StartAsync(o => o.MaxConcurrentRuns = 1);
        var first = agent.Task("sleep 5", runId: "first");
        var second = agent.Task("true", runId: "second");
        await agent.Supervisor.AcceptAsync(first, CancellationToken.None);
        await agent.Sink.StartedAsync(first.RunId);
        await agent.Supervisor.AcceptAsync(second, CancellationToken.None);

        var where = await agent.Supervisor.WhereaboutsAsync([new(first.RunId, 1), new(second.RunId, 1)], CancellationToken.None);

        Assert.That(where.Select(w => (w.RunId, w.State)), Is.EqualTo(new[] { ("first", RunWhereabouts.Running), ("second", RunWhereabouts.Waiting) }));
    }

    [Test]
    public async Task WhereaboutsAsync_SaysUnknown_ForAnAttemptNeverReceived()
    {
        agent = await AgentHarness.StartAsync();
        var task = agent.Task("true");
        await agent.RunAsync(task);

        var where = await agent.Supervisor.WhereaboutsAsync([new(task.RunId, 2), new("never-sent", 1)], CancellationToken.None);

        Assert.That(where.Select(w => w.State), Is.EqualTo(new[] { RunWhereabouts.Unknown, RunWhereabouts.Unknown }), "another attempt of a known run is not that run");
    }

    private async Task<RunWhereabouts> AskAsync(RunTask task) =>
        (await agent.Supervisor.WhereaboutsAsync([new(task.RunId, task.Attempt)], CancellationToken.None)).Single();
}
