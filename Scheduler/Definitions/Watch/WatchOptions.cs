namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>The watched folder (configuration section <c>EasyTask:Watch</c>, env alias <c>EASYTASK_TASKS_DIR</c> for the folder).</summary>
internal sealed class WatchOptions
{
    public const string Section = "EasyTask:Watch";

    /// <summary>
    /// The folder watched for task definition files (<c>*.json</c>); calendars go in its <c>calendars/</c> sub-folder.
    /// Relative paths are read from the working directory. Default none: <c>serve</c> watches no folder unless told to.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>
    /// How long a file must stay unchanged (same size and modification time) before it is read, so a file
    /// still being copied or saved is never read half-way. Default 500 ms.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the folder is rescanned even without a file-system notification: notifications can be
    /// lost (buffer overflow in a burst, network shares), the rescan is the safety net. Default 2 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when a folder is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Folder);
}
