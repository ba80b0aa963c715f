namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>The notifications of the task folder and of its calendar folder, stopped together.</summary>
internal sealed class WatcherPair(FileSystemWatcher? tasks, FileSystemWatcher? calendars) : IDisposable
{
    public void Dispose()
    {
        tasks?.Dispose();
        calendars?.Dispose();
    }
}
