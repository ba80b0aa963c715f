using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// Picks up definition changes made through another scheduler on the same database: every
/// <see cref="ClusterOptions.SyncInterval"/> it compares each task's and calendar's version with what it last
/// saw, and tells the engine of the differences, so a change made through any instance reaches the leader within a second.
/// </summary>
internal sealed partial class DefinitionSync(
    DefinitionStamps stamps,
    ITaskStore tasks,
    TaskRegistry registry,
    ITaskChangeListener listener,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<DefinitionSync> log) : BackgroundService
{
    private Dictionary<string, (long Version, long UpdatedAt)>? seenTasks;
    private Dictionary<string, (long Version, long UpdatedAt)>? seenCalendars;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSyncFailed(log, ex.Message);
            }
        }
    }

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        // The first look compares with what the engine loaded at start, so a change made in between is not missed.
        seenTasks ??= registry.All.ToDictionary(t => t.Name, t => (t.Stored.Version, EpochMilliseconds.From(t.Stored.UpdatedAt)), StringComparer.Ordinal);
        var calendars = await stamps.CalendarsAsync(cancellationToken);
        if (seenCalendars is not null && !SameStamps(seenCalendars, calendars))
        {
            LogCalendars(log);
            await listener.CalendarsChangedAsync(cancellationToken);
        }

        seenCalendars = calendars;
        var current = await stamps.TasksAsync(cancellationToken);
        foreach (var (name, stamp) in current)
        {
            if (seenTasks.TryGetValue(name, out var seen) && seen == stamp)
            {
                continue;
            }

            if (await tasks.FindAsync(name, cancellationToken) is { } stored)
            {
                LogTask(log, name, stored.Version);
                await listener.TaskSavedAsync(stored, cancellationToken);
            }
        }

        foreach (var gone in seenTasks.Keys.Where(name => !current.ContainsKey(name)).ToList())
        {
            LogTaskDeleted(log, gone);
            await listener.TaskDeletedAsync(gone, cancellationToken);
        }

        seenTasks = current;
    }

    private static bool SameStamps(Dictionary<string, (long, long)> a, Dictionary<string, (long, long)> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var y) && y == x.Value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster: task {TaskName} changed in the database (version {Version}); schedule updated")]
    private static partial void LogTask(ILogger logger, string taskName, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster: task {TaskName} was deleted through another scheduler; unscheduled")]
    private static partial void LogTaskDeleted(ILogger logger, string taskName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster: calendars changed in the database; tasks using them re-armed")]
    private static partial void LogCalendars(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster: looking for definition changes failed: {Problem}")]
    private static partial void LogSyncFailed(ILogger logger, string problem);
}
