using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class RunSupervisorDeliveryTests
{
    private AgentHarness agent = null!;

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task AcceptAsync_StartsOneProcessOnly_WhenSameRunTaskIsRedelivered()
    {
        agent = await AgentHarness.StartAsync();
        var task = agent.Task("echo ran >> runs.txt; sleep 0.3");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => agent.Supervisor.AcceptAsync(task, CancellationToken.None)));
        var first = await agent.Sink.FinishedAsync(task.RunId);
        await agent.Supervisor.AcceptAsync(task, CancellationToken.None);

        Assert.That(File.ReadAllLines(Path.Combine(agent.WorkDirectory, "runs.txt")), Has.Length.EqualTo(1));
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId).Select(s => s.ProcessId).Distinct().Count(), Is.EqualTo(1), "one process, however often RunStarted is re-sent");
        Assert.That(agent.Sink.Of<RunAccepted>(task.RunId), Has.Count.EqualTo(3), "each delivery while in flight is acknowledged");
        Assert.That(agent.Sink.Of<RunFinished>(task.RunId), Is.EqualTo(new[] { first, first }), "the late redelivery gets the journaled result");
    }

    [Test]
    public async Task AcceptAsync_RunsNextAttempt_WhenAttemptNumberDiffers()
    {
        agent = await AgentHarness.StartAsync();
        var task = agent.Task("echo ran >> runs.txt");

        await agent.RunAsync(task);
        await agent.Supervisor.AcceptAsync(task with { Attempt = 2 }, CancellationToken.None);
        await WaitUntil(() => agent.Sink.Of<RunFinished>(task.RunId).Count == 2);

        Assert.That(File.ReadAllLines(Path.Combine(agent.WorkDirectory, "runs.txt")), Has.Length.EqualTo(2));
    }

    [Test]
    public async Task AcceptAsync_NeverRunsMoreThanTheLimit_WhenMoreRunsArrive()
    {
        agent = await AgentHarness.StartAsync(o => o.MaxConcurrentRuns = 2);
        var log = Path.Combine(agent.WorkDirectory, "overlap.txt");
        var tasks = Enumerable.Range(0, 6).Select(_ => agent.Task($"echo + >> {log}; sleep 0.5; echo - >> {log}")).ToList();

        foreach (var task in tasks)
        {
            await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        }

        Assert.That(agent.Sink.Events.OfType<RunAccepted>().Count(), Is.EqualTo(6), "every run is acknowledged at once, slot or not");
        foreach (var task in tasks)
        {
            await agent.Sink.FinishedAsync(task.RunId);
        }

        var running = 0;
        var most = 0;
        foreach (var line in File.ReadAllLines(log))
        {
            running += line == "+" ? 1 : -1;
            most = Math.Max(most, running);
        }

        Assert.That(most, Is.EqualTo(2));
    }

    [Test]
    public async Task AcceptAsync_StartsWaitingRunsInArrivalOrder_WhenOneSlotFrees()
    {
        agent = await AgentHarness.StartAsync(o => o.MaxConcurrentRuns = 1);
        var tasks = Enumerable.Range(0, 4).Select(i => agent.Task("sleep 0.05", runId: $"order-{i}")).ToList();

        foreach (var task in tasks)
        {
            await agent.Supervisor.AcceptAsync(task, CancellationToken.None);
        }

        await agent.Sink.FinishedAsync("order-3");
        var started = agent.Sink.Events.OfType<RunStarted>().Select(s => s.RunId);
        Assert.That(started, Is.EqualTo(tasks.Select(t => t.RunId)));
    }

    [Test]
    public async Task AcceptAsync_SendsLiveOutputInSequence_WhileCommandRuns()
    {
        agent = await AgentHarness.StartAsync(o => o.OutputBatchInterval = TimeSpan.FromMilliseconds(20));
        var task = agent.Task("for i in 1 2 3; do echo line $i; sleep 0.1; done; echo oops >&2");

        await agent.RunAsync(task);

        var stdout = agent.Sink.Of<RunOutput>(task.RunId).Where(o => o.Stream == "stdout").ToList();
        Assert.That(stdout, Has.Count.GreaterThan(1), "output arrives in batches while the command runs");
        Assert.That(stdout.Select(o => o.Sequence), Is.EqualTo(Enumerable.Range(0, stdout.Count).Select(i => (long)i)));
        Assert.That(string.Concat(stdout.Select(o => o.Text)), Is.EqualTo("line 1\nline 2\nline 3\n"));
        Assert.That(agent.Sink.Of<RunOutput>(task.RunId).Single(o => o.Stream == "stderr").Text, Is.EqualTo("oops\n"));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
