using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// The scheduling engine over a real SQLite database with a fake clock and a recording dispatcher.
/// Quartz is not started: tests hand due occurrences to the run creator directly, at fake times.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly DirectoryInfo folder;

    private EngineHarness(ServiceProvider services, DirectoryInfo folder)
    {
        this.services = services;
        this.folder = folder;
    }

    public FakeTimeProvider Time => services.GetRequiredService<FakeTimeProvider>();

    public RecordingDispatcher Dispatcher => services.GetRequiredService<RecordingDispatcher>();

    public IRunStore Runs => services.GetRequiredService<IRunStore>();

    public ITaskStore Tasks => services.GetRequiredService<ITaskStore>();

    public SchedulerEngine Engine => services.GetRequiredService<SchedulerEngine>();

    public RunLifecycle Lifecycle => services.GetRequiredService<RunLifecycle>();

    /// <summary>Why the run (as the database holds it now) is waiting, or null.</summary>
    public async Task<string?> WaitingReasonAsync(string runId) =>
        await Lifecycle.WaitingReasonAsync((await Runs.FindAsync(runId, CancellationToken.None))!, CancellationToken.None);

    public TaskExplainer Explainer => services.GetRequiredService<TaskExplainer>();

    public QuartzClock Clock => services.GetRequiredService<QuartzClock>();

    public RunWatch Watch => services.GetRequiredService<RunWatch>();

    public AgentRegistry Agents => services.GetRequiredService<AgentRegistry>();

    /// <summary>Everything the engine was built from, for tests of features layered on it (monitoring).</summary>
    public IServiceProvider Services => services;

    /// <summary>Tells the engine about a change made directly in the store, as the API does after each write.</summary>
    public Task SavedAsync(StoredTask stored) => services.GetRequiredService<ITaskChangeListener>().TaskSavedAsync(stored, CancellationToken.None);

    /// <summary>The explanation's lines as one text, for assertions on wording.</summary>
    public async Task<string> ExplainAsync(string task, DateTimeOffset? at = null) =>
        string.Join("\n", (await Explainer.ExplainAsync(task, at, CancellationToken.None))!.Lines);

    public static Task<EngineHarness> StartAsync(DateTimeOffset now) =>
        StartAsync(Directory.CreateTempSubdirectory("easytask-engine-"), new FakeTimeProvider(now));

    /// <summary>
    /// Stops this engine (nothing in memory survives) and starts a new one over the same database, its clock at the
    /// same instant, as a scheduler restart does. This harness must not be used afterwards.
    /// </summary>
    public async Task<EngineHarness> RestartAsync()
    {
        var now = Time.GetUtcNow();
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var restarted = await StartAsync(folder, new FakeTimeProvider(now));
        await restarted.Engine.StartAsync(CancellationToken.None);
        return restarted;
    }

    private static async Task<EngineHarness> StartAsync(DirectoryInfo folder, FakeTimeProvider time)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(time);
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton<RecordingDispatcher>();
        collection.AddSingleton<IRunDispatcher>(sp => sp.GetRequiredService<RecordingDispatcher>());
        collection.AddSingleton<IRunCanceller>(sp => sp.GetRequiredService<RecordingDispatcher>());
        collection.AddStorage(DatabaseOptions.Parse($"sqlite:{Path.Combine(folder.FullName, "engine.db")}"));
        var configuration = new ConfigurationBuilder().Build();
        collection.AddScheduling(configuration);

        // No bus: agents are played by the test through the lifecycle's progress methods.
        collection.AddRunLifecycle(configuration);

        // The recorder of agent events as the bus consumer feeds it (not started unless a test starts it).
        Scheduler.Dispatch.DispatchServiceCollectionExtensions.AddAgentEventRecorder(collection);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        return new EngineHarness(services, folder);
    }

    /// <summary>Inserts the task as the API would, and tells the engine.</summary>
    public async Task<StoredTask> InsertAsync(TaskDefinition definition)
    {
        var stored = await Tasks.InsertAsync(definition, "test", CancellationToken.None);
        await services.GetRequiredService<ITaskChangeListener>().TaskSavedAsync(stored, CancellationToken.None);
        return stored;
    }

    /// <summary>What the clock does at a task's time: the occurrence becomes a run.</summary>
    public Task FireAsync(long tid, DateTimeOffset scheduledFor) =>
        services.GetRequiredService<RunCreator>().CreateAsync([new DueOccurrence(tid, scheduledFor)], CancellationToken.None);

    /// <summary>
    /// What the run creator's loop does with occurrences handed back to the clock's queue (a skip decided at the instant):
    /// waits up to 5 s for one to arrive, then creates what is queued; returns how many it took.
    /// </summary>
    public async Task<int> CreateQueuedAsync()
    {
        var queued = services.GetRequiredService<DueOccurrences>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var taken = new List<DueOccurrence>();
        try
        {
            await queued.Reader.WaitToReadAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        while (queued.Reader.TryRead(out var occurrence))
        {
            taken.Add(occurrence);
        }

        await services.GetRequiredService<RunCreator>().CreateAsync(taken, CancellationToken.None);
        return taken.Count;
    }

    /// <summary>Plays an agent: moves a triggered run to its end state, then tells the engine it finished.</summary>
    public async Task<RunRecord> FinishAsync(RunRecord run, RunStatus status, int returnCode = 0)
    {
        var current = (await Runs.FindAsync(run.RunId, CancellationToken.None))!;
        var finished = await Runs.TransitionAsync(
            new RunChange(current.RunId, current.Version, current.Status, status, "test agent", Reason: RunReason.ExitCode, ReturnCode: returnCode, FinishedAt: Time.GetUtcNow()),
            CancellationToken.None);
        await services.GetRequiredService<RunFinishedHandler>().OnRunFinishedAsync(finished!, CancellationToken.None);
        return finished!;
    }

    public async Task<List<RunRecord>> RunsOfAsync(string task) =>
        [.. (await Runs.ListAsync(new RunQuery(TaskName: task), CancellationToken.None)).OrderBy(r => r.ScheduledFor)];

    public async Task<List<string>> TimelineAsync(RunRecord run) =>
        [.. (await Runs.EventsAsync(run.RunId, CancellationToken.None)).Select(e => $"{e.From?.ToText() ?? "-"}->{e.To.ToText()}")];

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();

        // A slot-queue pass asked for in the background (a run ended) may still open the database for a moment.
        for (var attempt = 1; ; attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                folder.Delete(recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }
}
