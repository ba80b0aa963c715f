using EasyTask.Agent.Execution;
using EasyTask.Agent.Messaging;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Benchmarks;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EasyTask.Scheduler.Tests.Dispatch;

/// <summary>
/// A <c>skip</c> task's next occurrence when the previous run's result has not reached the scheduler at all (still on the
/// bus, so nothing is pending in the recorder): the scheduler asks the agent. The scheduler, the in-process agent and the
/// bus are the real ones of <c>easytask standalone</c> (built as the dispatch benchmark builds that shape); only the
/// agent's results are held on their way.
/// </summary>
[Category("Integration")]
internal sealed class SkipWithResultInTransitTests
{
    private const string Agent = DispatchBenchmarkHosts.AgentName;

    private DirectoryInfo folder = null!;
    private IHost host = null!;
    private HeldResults held = null!;

    private IRunStore Runs => host.Services.GetRequiredService<IRunStore>();

    [SetUp]
    public async Task Start()
    {
        folder = Directory.CreateTempSubdirectory("easytask-transit-");
        host = DispatchBenchmarkHosts.Build(folder.FullName, BusSettings.Load(null, null, null), inProcessSeams: services =>
        {
            services.AddSingleton(sp => new HeldResults(sp.GetRequiredService<BusEventSink>()));
            services.AddSingleton<IRunEventSink>(sp => sp.GetRequiredService<HeldResults>());
        }).Single();
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        await host.StartAsync();
        held = host.Services.GetRequiredService<HeldResults>();
        await WaitForAsync(() => Task.FromResult(host.Services.GetRequiredService<AgentRegistry>().LastHeartbeat(Agent) is { AnswersAskRuns: true }), "the agent's first heartbeat");
    }

    [TearDown]
    public async Task Stop()
    {
        held.Release();
        await host.StopAsync();
        host.Dispose();
        folder.Delete(recursive: true);
    }

    [Test]
    public async Task CreateAsync_RunsTheNextOccurrence_WhenThePreviousRunEndedOnItsAgentWithItsResultStillOnTheWay()
    {
        var previous = await FireFirstAsync("true");
        await held.FirstHeld;
        var instant = TimeProvider.System.GetUtcNow();

        await FireAsync(instant);

        var runs = await RunsAsync();
        Assert.That(runs[0].Status, Is.Not.EqualTo(RunStatus.Success), "the previous run's result was still on its way when the next one fell due");
        Assert.That(runs[1].Reason, Is.Not.EqualTo(RunReason.Skipped), "the previous run had ended on its agent: the next occurrence runs");
        held.Release();
        await WaitForAsync(async () => (await RunsAsync()).All(r => r.Status == RunStatus.Success), "both runs to succeed");
        Assert.That((await RunsAsync()).Select(r => r.RunId), Does.Contain(previous));
    }

    [Test]
    public async Task CreateAsync_SkipsTheOccurrence_WhenThePreviousRunEndedOnItsAgentOnlyAfterTheOccurrenceFellDue()
    {
        var dueWhileItRan = TimeProvider.System.GetUtcNow().AddMilliseconds(300);
        await FireFirstAsync("sleep 0.6");
        await held.FirstHeld;

        await FireAsync(dueWhileItRan);

        var runs = await RunsAsync();
        Assert.That((runs[1].Status, runs[1].Reason), Is.EqualTo((RunStatus.Failed, (string?)RunReason.Skipped)),
            "the previous run was still going when the occurrence fell due, though it has ended since");
    }

    [Test]
    public async Task CreateAsync_SkipsTheNextOccurrence_WhenTheAgentSaysThePreviousRunIsStillRunning()
    {
        await FireFirstAsync("sleep 30");
        await WaitForAsync(async () => (await RunsAsync())[0].Status == RunStatus.Running, "the previous run to be RUNNING");

        await FireAsync(TimeProvider.System.GetUtcNow());

        var runs = await RunsAsync();
        Assert.That((runs[1].Status, runs[1].Reason), Is.EqualTo((RunStatus.Failed, (string?)RunReason.Skipped)));
    }

    private async Task<string> FireFirstAsync(string command)
    {
        var definition = RunCreatorTests.Task(1, "tick") with { Cmd = command, RunOnHost = Agent, Concurrency = ConcurrencyPolicy.Skip };
        var stored = await host.Services.GetRequiredService<ITaskStore>().InsertAsync(definition, "test", CancellationToken.None);
        await host.Services.GetRequiredService<ITaskChangeListener>().TaskSavedAsync(stored, CancellationToken.None);
        await FireAsync(TimeProvider.System.GetUtcNow());
        return (await RunsAsync()).Single().RunId;
    }

    private Task FireAsync(DateTimeOffset scheduledFor) =>
        host.Services.GetRequiredService<RunCreator>().CreateAsync([new DueOccurrence(1, scheduledFor)], CancellationToken.None);

    private async Task<List<RunRecord>> RunsAsync() =>
        [.. (await Runs.ListAsync(new RunQuery(TaskName: "tick"), CancellationToken.None)).OrderBy(r => r.ScheduledFor)];

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
