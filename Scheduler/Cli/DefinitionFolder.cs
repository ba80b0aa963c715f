using System.Diagnostics;
using EasyTask.Scheduler.Definitions.Apply;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// A folder of definitions as <c>apply</c> and <c>export</c> lay it out: task files (<c>*.json</c>, one definition or
/// an array) at the top, calendars in <c>calendars/</c>. The folder and, in a git checkout, its commit are the source.
/// </summary>
internal static class DefinitionFolder
{
    public const string CalendarsFolder = "calendars";

    public static ApplyRequest Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException($"DIR: \"{folder}\" is not a folder", ExitCodes.InvalidInput);
        }

        var calendars = Path.Combine(folder, CalendarsFolder);
        return new ApplyRequest(
            Files(folder, folder),
            Directory.Exists(calendars) ? Files(calendars, folder) : [],
            SourceOf(folder));
    }

    /// <summary>The folder's full path, plus <c>git COMMIT</c> (and <c>dirty</c> when files differ from it) when it is in a git checkout.</summary>
    public static string SourceOf(string folder)
    {
        var full = Path.GetFullPath(folder);
        var commit = Git(full, "rev-parse", "HEAD");
        if (commit is null)
        {
            return $"folder {full}";
        }

        var dirty = Git(full, "status", "--porcelain", "--", ".") is { Length: > 0 } ? ", with uncommitted changes" : "";
        return $"folder {full} at git commit {commit}{dirty}";
    }

    private static List<DefinitionFile> Files(string directory, string root) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => new DefinitionFile(Path.GetRelativePath(root, f), File.ReadAllText(f)))
            .ToList();

    private static string? Git(string folder, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: the folder alone is the source.
            return null;
        }
    }
}
