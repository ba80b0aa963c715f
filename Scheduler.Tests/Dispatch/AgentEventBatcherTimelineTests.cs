using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Dispatch;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Dispatch;

/// <summary>
/// What a batch of agent events sets in motion in monitoring (real SQLite): the typed timeline events of the whole
/// batch are written together, each run's in the order things happened, and a timeline that cannot be written never
/// un-records a run nor holds back its acknowledgement.
/// </summary>
internal sealed class AgentEventBatcherTimelineTests
{
    private const int Runs = 12;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private EngineHarness engine = null!;

    // Owned by the engine's services, which dispose it.
    private AgentEventBatcher Recorder => engine.Services.GetRequiredService<AgentEventBatcher>();

    [SetUp]
    public async Task Start() => engine = await EngineHarness.StartAsync(Now);

    [TearDown]
    public async Task Stop()
    {
        await Recorder.StopAsync(CancellationToken.None);
        await engine.DisposeAsync();
    }

    [Test]
    public async Task SubmitAsync_WritesEachRunsTimelineInOrder_WhenManyResultsArriveInOneBatch()
    {
        var runs = await TriggeredAsync(Runs);
        var retried = await TriggeredAsync(Definition(100) with { RetryAttempts = 1 });

        // Submitted before the recorder starts: it takes them all as one batch.
        var acknowledged = Task.WhenAll([.. runs.SelectMany(r => Report(r, "SUCCESS", 0)), .. Report(retried, "FAILED", 3)]);
        await Recorder.StartAsync(CancellationToken.None);
        await acknowledged;

        // The status moves were committed with the agent events; monitoring's events follow, in the order they happened.
        foreach (var run in runs)
        {
            Assert.That(await TimelineAsync(run), Is.EqualTo(new[]
            {
                "->ACTIVE", "->TRIGGER", "->STARTED", "->RUNNING", "->SUCCESS", "run_started", "attempt_started", "attempt_succeeded", "run_completed",
            }), run.RunId);
        }

        // The retry goes through the lifecycle door after the batch: its failed attempt comes before the move back to ACTIVE.
        Assert.That(await TimelineAsync(retried), Is.EqualTo(new[]
        {
            "->ACTIVE", "->TRIGGER", "->STARTED", "->RUNNING", "run_started", "attempt_started", "attempt_failed", "->ACTIVE", "run_retried",
        }));
    }

    [Test]
    public async Task SubmitAsync_RecordsAndAcknowledgesEveryRun_WhenItsTimelineCannotBeWritten()
    {
        var runs = await TriggeredAsync(Runs);
        await ExecuteAsync("CREATE TRIGGER refuse_timeline BEFORE INSERT ON run_events WHEN NEW.event_type IS NOT NULL BEGIN SELECT RAISE(ABORT, 'timeline refused'); END");

        var acknowledged = Task.WhenAll(runs.SelectMany(r => Report(r, "SUCCESS", 0)));
        await Recorder.StartAsync(CancellationToken.None);
        await acknowledged;

        foreach (var run in runs)
        {
            var recorded = (await engine.Runs.FindAsync(run.RunId, CancellationToken.None))!;
            Assert.That((recorded.Status, recorded.ReturnCode), Is.EqualTo((RunStatus.Success, (int?)0)), run.RunId);
            Assert.That(await TimelineAsync(run), Is.EqualTo(new[] { "->ACTIVE", "->TRIGGER", "->STARTED", "->RUNNING", "->SUCCESS" }), "status moves stay, typed events are missing");
        }

        // Once the database takes them again, the next batch's timeline is written.
        await ExecuteAsync("DROP TRIGGER refuse_timeline");
        var next = await TriggeredAsync(Definition(200));
        await Task.WhenAll(Report(next, "SUCCESS", 0));
        Assert.That(await TimelineAsync(next), Does.Contain("run_completed"));
    }

    [Test]
    public async Task SubmitAsync_RecordsTheWholeTimeline_WhenTheAgentFoldedItsReportsIntoTheResult()
    {
        var run = await TriggeredAsync(Definition(300));
        var start = new RunStarted { RunId = run.RunId, Attempt = 1, Host = "localhost", ProcessId = 4242, StdoutPath = "/logs/r.out", StderrPath = "/logs/r.err", At = Now, AcceptedAt = Now };
        var finished = new RunFinished
        {
            RunId = run.RunId, Attempt = 1, Host = "localhost", Status = "SUCCESS", Reason = RunReason.ExitCode, ReturnCode = 0, StartedAt = Now, FinishedAt = Now, Start = start,
        };

        // As the events consumer hands a folded RunFinished to the recorder; submitted before it starts, so they are one batch
        // (as they usually are: the consumer submits them together) and the expected order below is the batch's.
        var acknowledged = Task.WhenAll(FoldedReports.Unfold(finished).Select(r => Recorder.SubmitAsync(r, default)).ToList());
        await Recorder.StartAsync(CancellationToken.None);
        await acknowledged;

        Assert.That(await TimelineAsync(run), Is.EqualTo(new[]
        {
            "->ACTIVE", "->TRIGGER", "->STARTED", "->RUNNING", "->SUCCESS", "run_started", "attempt_started", "attempt_succeeded", "run_completed",
        }));
        var events = await engine.Runs.EventsAsync(run.RunId, CancellationToken.None);
        Assert.That(events.Single(e => e.To == RunStatus.Started).Detail, Is.EqualTo("accepted by agent localhost"));
        Assert.That(events.Single(e => e.To == RunStatus.Running).Detail, Is.EqualTo("process 4242 started; stdout /logs/r.out, stderr /logs/r.err"));
    }

    private async Task<List<RunRecord>> TriggeredAsync(int count)
    {
        var runs = new List<RunRecord>();
        for (var tid = 1; tid <= count; tid++)
        {
            runs.Add(await TriggeredAsync(Definition(tid)));
        }

        return runs;
    }

    private async Task<RunRecord> TriggeredAsync(TaskDefinition definition)
    {
        await engine.InsertAsync(definition);
        await engine.FireAsync(definition.Tid, Now);
        return (await engine.RunsOfAsync(definition.Name)).Single();
    }

    private static TaskDefinition Definition(long tid) => new()
    {
        Tid = tid,
        Name = $"batched_{tid}",
        Cmd = "true",
        RunOnHost = "localhost",
        TriggerTimes = "08:00",
        Timezone = "UTC",
    };

    /// <summary>What the agent sends for the run, handed to the recorder as the bus consumer does; completes once acknowledged.</summary>
    private IEnumerable<Task> Report(RunRecord run, string status, int returnCode) =>
    [
        Recorder.SubmitAsync(new RunAccepted { RunId = run.RunId, Attempt = 1, Host = "localhost", At = Now }, default),
        Recorder.SubmitAsync(new RunStarted { RunId = run.RunId, Attempt = 1, Host = "localhost", ProcessId = 42, At = Now }, default),
        Recorder.SubmitAsync(
            new RunFinished { RunId = run.RunId, Attempt = 1, Host = "localhost", Status = status, Reason = RunReason.ExitCode, ReturnCode = returnCode, StartedAt = Now, FinishedAt = Now },
            default),
    ];

    /// <summary>The run's timeline as the API shows it, oldest first: status moves as "->STATUS", typed events by type.</summary>
    private async Task<List<string>> TimelineAsync(RunRecord run) =>
        [.. (await engine.Services.GetRequiredService<IMonitoringStore>().TimelineAsync(run.RunId, CancellationToken.None))
            .Select(e => e.Type is "status_changed" or "run_created" ? $"->{e.To}" : e.Type)];

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await engine.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
