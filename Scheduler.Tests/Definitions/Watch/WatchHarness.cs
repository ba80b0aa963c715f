using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Definitions.Watch;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>
/// The watched folder service running for real (file notifications, rescans, the real clock) over a temp
/// folder and a real SQLite store, with the scheduling engine it tells about changes. No HTTP, no bus.
/// </summary>
internal sealed class WatchHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly DirectoryInfo scratch;
    private WatchedFolderService? watcher;

    private WatchHarness(ServiceProvider services, DirectoryInfo scratch, string folder)
    {
        this.services = services;
        this.scratch = scratch;
        Folder = new DropZone(folder);
    }

    public DropZone Folder { get; }

    public ITaskStore Tasks => services.GetRequiredService<ITaskStore>();

    public ICalendarStore Calendars => services.GetRequiredService<ICalendarStore>();

    public TaskRegistry Registry => services.GetRequiredService<TaskRegistry>();

    public IAuditStore Audit => services.GetRequiredService<IAuditStore>();

    public OutageTaskStore Outage => services.GetRequiredService<OutageTaskStore>();

    public RecordingLoggerProvider Logs => services.GetRequiredService<RecordingLoggerProvider>();

    /// <summary>Builds the services over a fresh database; the watcher starts with <see cref="StartWatchingAsync"/>, so files can be dropped first.</summary>
    public static async Task<WatchHarness> CreateAsync(TimeSpan? settleTime = null, TimeSpan? pollInterval = null)
    {
        var scratch = Directory.CreateTempSubdirectory("easytask-watch-");
        var folder = Path.Combine(scratch.FullName, "tasks");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EasyTask:Watch:Folder"] = folder,
            ["EasyTask:Watch:SettleTime"] = (settleTime ?? TimeSpan.FromMilliseconds(100)).ToString(),
            ["EasyTask:Watch:PollInterval"] = (pollInterval ?? TimeSpan.FromMilliseconds(300)).ToString(),
        }).Build();

        var logs = new RecordingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddSingleton(logs);
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        collection.AddStorage(DatabaseOptions.Parse($"sqlite:{Path.Combine(scratch.FullName, "watch.db")}"));

        // The real store behind a switch, so a test can take the database away and bring it back.
        collection.AddSingleton(sp => new OutageTaskStore(ActivatorUtilities.CreateInstance<TaskStore>(sp)));
        collection.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<OutageTaskStore>());
        collection.AddSingleton<IRunDispatcher, RecordingDispatcher>();
        collection.AddScheduling(configuration);
        collection.AddRunLifecycle(configuration);
        collection.AddSingleton<StoredCalendarCatalog>();
        collection.AddSingleton<DefinitionIntake>();
        collection.AddWatchedFolder(configuration);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<SchedulerEngine>().StartAsync(CancellationToken.None);
        return new WatchHarness(services, scratch, folder);
    }

    /// <summary>Starts the folder service as the host would.</summary>
    public async Task StartWatchingAsync()
    {
        watcher = ActivatorUtilities.CreateInstance<WatchedFolderService>(services);
        await watcher.StartAsync(CancellationToken.None);
    }

    public async Task<StoredTask> TaskAsync(string name) =>
        await Tasks.FindAsync(name, CancellationToken.None) ?? throw new AssertionException($"no task \"{name}\" was stored");

    public async ValueTask DisposeAsync()
    {
        if (watcher is not null)
        {
            await watcher.StopAsync(CancellationToken.None);
            watcher.Dispose();
        }

        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Delete(recursive: true);
    }
}
