using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>The configured folder for task files and its <c>calendars/</c> sub-folder for calendar files.</summary>
internal sealed class WatchedFolders
{
    public WatchedFolders(IOptions<WatchOptions> options)
    {
        // Resolved once against the working directory, so a relative folder means what the operator typed where they started the service.
        Root = options.Value.Enabled ? Path.GetFullPath(options.Value.Folder!) : "";
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Root));
        Tasks = DropFolder.Under(Root, name.Length > 0 ? name : Root);
        Calendars = DropFolder.Under(Path.Combine(Root, "calendars"), $"{Tasks.DisplayName}/calendars");
    }

    /// <summary>The watched folder's full path (empty when none is configured).</summary>
    public string Root { get; }

    public DropFolder Tasks { get; }

    public DropFolder Calendars { get; }

    public void EnsureCreated()
    {
        Tasks.EnsureCreated();
        Calendars.EnsureCreated();
    }
}
