using System.Globalization;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>Finds the live processes of one process group by reading /proc (Linux only, as are the test servers).</summary>
internal static class ProcessGroup
{
    /// <summary>A process of the group: its id and its command name as the kernel knows it (at most 15 characters).</summary>
    public readonly record struct Member(int Pid, string Name);

    /// <summary>The group's processes that are still running; zombies are left out, as they are gone in all but name.</summary>
    public static IReadOnlyList<Member> Members(int groupId)
    {
        var members = new List<Member>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
                continue;
            }

            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after its last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }

            var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 2
                && fields[0] != "Z"
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
                && group == groupId)
            {
                members.Add(new Member(pid, stat[(open + 1)..close]));
            }
        }

        return members;
    }
}
