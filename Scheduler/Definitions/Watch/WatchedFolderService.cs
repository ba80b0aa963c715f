using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>
/// Keeps the watched folder imported: creates it, takes in the files that arrived while the service was
/// down, then scans again on every file-system notification and at least every poll interval (the safety
/// net for lost notifications). One loop does all the work, so a burst of files queues instead of racing.
/// </summary>
internal sealed class WatchedFolderService(
    IOptions<WatchOptions> options,
    WatchedFolders folders,
    WatchedFolderScanner scanner,
    TimeProvider time,
    ILogger<WatchedFolderService> log) : BackgroundService
{
    // The soonest a scan follows the previous one, so a file being written in many small pieces cannot make the loop spin.
    private static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(20);

    // Notifications only say "look again": one pending is as good as a thousand.
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private WatcherPair? watchers;

    /// <summary>
    /// Lays out the folders and starts the notifications before the host reports it has started; the first
    /// scan, which may import many files that arrived while the service was down, runs after, in the background.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            WatchLog.Disabled(log);
            return Task.CompletedTask;
        }

        watchers = StartWatching();
        WatchLog.Watching(log, folders.Tasks.Path, folders.Calendars.Path, settings.SettleTime.TotalMilliseconds, settings.PollInterval.TotalMilliseconds);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        watchers?.Dispose();
    }

    public override void Dispose()
    {
        watchers?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = settings.PollInterval;
            try
            {
                var result = await scanner.ScanAsync(stoppingToken);
                if (result.NextSettled is { } settled && settled < pause)
                {
                    pause = settled < MinimumPause ? MinimumPause : settled;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The service outlives any one bad scan (a folder deleted under it, a disk error): it says so and tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WatchLog.ScanFailed(log, ex, settings.PollInterval.TotalMilliseconds);
            }

            await PauseAsync(pause, stoppingToken);
        }
    }

    /// <summary>
    /// Notifications for both folders, or none when they cannot be had (folder not creatable yet, the
    /// system's inotify limit reached): the periodic scan then does the work alone, and says why it fails.
    /// </summary>
    private WatcherPair StartWatching()
    {
        FileSystemWatcher? tasks = null;
        try
        {
            folders.EnsureCreated();
            tasks = Watch(folders.Tasks);
            return new WatcherPair(tasks, Watch(folders.Calendars));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            tasks?.Dispose();
            WatchLog.NotificationsLost(log, folders.Tasks.Path, ex.Message);
            return new WatcherPair(null, null);
        }
    }

    private FileSystemWatcher Watch(DropFolder folder)
    {
        var watcher = new FileSystemWatcher(folder.Path, "*.json")
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,

            // The largest buffer the platform allows: a burst of files overflows a small one, and although the rescan
            // catches up after an overflow, fewer overflows mean files are picked up sooner.
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, _) => wake.Writer.TryWrite(true);
        watcher.Changed += (_, _) => wake.Writer.TryWrite(true);
        watcher.Renamed += (_, _) => wake.Writer.TryWrite(true);
        watcher.Error += (_, e) =>
        {
            WatchLog.NotificationsLost(log, folder.Path, e.GetException().Message);
            wake.Writer.TryWrite(true);
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>Waits for a notification or the pause, whichever comes first.</summary>
    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(pause, time, timeout.Token);
        var notified = wake.Reader.WaitToReadAsync(timeout.Token).AsTask();
        await Task.WhenAny(delay, notified);
        await timeout.CancelAsync();
        while (wake.Reader.TryRead(out _))
        {
        }

        try
        {
            await Task.WhenAll(delay, notified);
        }
        catch (OperationCanceledException)
        {
            // Whichever of the two lost was cancelled above; stopping is seen by the loop.
        }
    }
}
