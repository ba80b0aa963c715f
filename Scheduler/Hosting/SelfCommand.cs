namespace EasyTask.Scheduler.Hosting;

/// <summary>
/// How a user in the current folder can run this very executable again, for messages that suggest a command:
/// <c>easytask</c> when that is what PATH finds, else its path (relative when under the current folder).
/// </summary>
internal static class SelfCommand
{
    public static string Get()
    {
        var path = Environment.ProcessPath;
        if (path is null)
        {
            return "easytask";
        }

        if (string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // `dotnet easytask.dll`: the apphost beside the dll is the shorter command when it exists.
            var dll = typeof(SelfCommand).Assembly.Location;
            var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
            return File.Exists(apphost) ? Relative(apphost) : $"dotnet {Relative(dll)}";
        }

        return OnPath(path) ? Path.GetFileNameWithoutExtension(path) : Relative(path);
    }

    private static bool OnPath(string path) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Path.GetFileName(path)))
            .FirstOrDefault(File.Exists) is { } found
        && string.Equals(Path.GetFullPath(found), Path.GetFullPath(path), StringComparison.Ordinal);

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : "." + Path.DirectorySeparatorChar + relative;
    }
}
