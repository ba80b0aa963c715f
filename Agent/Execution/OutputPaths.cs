using System.Globalization;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Where a run's stdout and stderr go: the task's <c>stdout</c>/<c>stderr</c> relative to the log directory, or
/// <c>&lt;task&gt;/&lt;run id&gt;.&lt;attempt&gt;.out|.err</c>. Checked again here, after normalising, because a RunTask
/// need not have passed the scheduler's validation: nothing may land outside the log directory.
/// </summary>
internal sealed class OutputPaths(string logDirectory)
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(logDirectory));

    /// <summary>The two full paths, or why they are refused.</summary>
    public (string Stdout, string Stderr, string? Refusal) Resolve(RunTask task)
    {
        var defaultStem = Path.Combine(RunJournal.FileSafe(task.Task), $"{RunJournal.FileSafe(task.RunId)}.{task.Attempt.ToString(CultureInfo.InvariantCulture)}");
        var stdout = Inside(task.Stdout ?? defaultStem + ".out", "stdout", out var stdoutRefusal);
        var stderr = Inside(task.Stderr ?? defaultStem + ".err", "stderr", out var stderrRefusal);
        return (stdout, stderr, stdoutRefusal ?? stderrRefusal);
    }

    public static bool IsSameOrInside(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        var trimmedPath = Path.TrimEndingDirectorySeparator(path);
        return trimmedPath.Equals(trimmedRoot, PathComparison)
            || trimmedPath.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, PathComparison);
    }

    private string Inside(string relative, string field, out string? refusal)
    {
        refusal = null;
        string full;
        try
        {
            full = Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal)
                ? ""
                : Path.GetFullPath(Path.Combine(Root, relative));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = "";
        }

        if (full.Length == 0 || !IsSameOrInside(full, Root) || full.Length == Root.Length)
        {
            refusal = $"{field} \"{relative}\" is refused: output files must stay inside the agent's log directory {Root}";
            return "";
        }

        return full;
    }
}
