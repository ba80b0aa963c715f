using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting.Units;

/// <summary>
/// <c>dotnet publish Scheduler</c> into <c>opt/easytask</c> and <c>dotnet publish Agent</c> into <c>opt/easytask-agent</c>
/// under one root, as the README's production steps do under <c>/</c>: once per test run, shared by every test that
/// needs it. Framework-dependent (the machine's .NET runs it) to keep the run short; the layout is the same as a
/// self-contained publish.
/// </summary>
internal static class PublishedBinaries
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder that stands for <c>/</c> (holding <c>opt/...</c>); publishes on first use and throws the failure to every caller.</summary>
    public static Task<string> GetAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = Path.Combine(AppContext.BaseDirectory, "published");
        foreach (var (project, folder) in new[] { ("Scheduler", "easytask"), ("Agent", "easytask-agent") })
        {
            // A fresh folder each run: files left from an older layout must not pass for what publish ships now.
            var output = Path.Combine(root, "opt", folder);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.CreateDirectory(output);
            await ExternalCommand.RunAsync(
                "dotnet",
                ["publish", Path.Combine(RepositoryPaths.RepositoryRoot, project), "-c", configuration, "-o", output, "--nologo", "-v", "quiet", "--disable-build-servers"],
                TimeSpan.FromMinutes(8),
                RepositoryPaths.RepositoryRoot);
        }

        return root;
    }
}
