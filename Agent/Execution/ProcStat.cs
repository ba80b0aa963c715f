using System.Globalization;

namespace EasyTask.Agent.Execution;

/// <summary>The few fields of Linux <c>/proc/&lt;pid&gt;/stat</c> the agent needs to tell live, dead and recycled processes apart.</summary>
internal readonly record struct ProcStat(int ProcessId, char State, int ProcessGroup, long StartTicks)
{
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    /// <summary>Null when the process does not exist (or this is not Linux).</summary>
    public static ProcStat? Read(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses; the fixed fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19
            && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            && long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcStat(processId, fields[0][0], group, ticks)
            : null;
    }

    /// <summary>True while a process of the group is alive (zombies nobody reaped do not count).</summary>
    public static bool AnyAliveInGroup(int processGroup)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { IsAlive: true } stat && stat.ProcessGroup == processGroup)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Lazy<string> CurrentBoot = new(ReadBootId);

    /// <summary>This boot's id: start ticks only mean something within one boot.</summary>
    public static string BootId() => CurrentBoot.Value;

    private static string ReadBootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
