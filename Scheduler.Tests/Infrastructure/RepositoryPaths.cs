namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// Finds the repository and the shared folder beside it from wherever the test assembly runs,
/// so data-driven tests read the real example files instead of copies that could drift.
/// </summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "EasyTask.sln";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding <c>EasyTask.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The <c>shared</c> folder beside the repository (design notes, example definitions).</summary>
    public static string SharedFolder
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(shared)
                ? shared
                : throw new DirectoryNotFoundException($"The shared folder was expected beside the repository at {shared}, but it does not exist.");
        }
    }

    /// <summary>A folder under the shared folder, e.g. <c>examples/tasks</c>; fails clearly when it is missing.</summary>
    public static string Shared(string relativePath)
    {
        var folder = Path.GetFullPath(Path.Combine(SharedFolder, relativePath));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"The folder {relativePath} was expected under the shared folder at {folder}, but it does not exist.");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder holding {SolutionFile} was found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
