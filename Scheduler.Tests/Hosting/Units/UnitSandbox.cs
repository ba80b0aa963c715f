using System.Globalization;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting.Units;

/// <summary>
/// What systemd prepares for a unit before it starts it, under a throwaway root prefix instead of <c>/</c>: the unit's
/// <c>User</c> (created as a system user when missing), only the directories systemd creates for it
/// (<c>StateDirectory</c> under <c>/var/lib</c>, <c>LogsDirectory</c> under <c>/var/log</c>, <c>RuntimeDirectory</c>
/// under <c>/run</c>, <c>CacheDirectory</c> under <c>/var/cache</c>) owned by that user, and the environment systemd
/// gives the process: the <c>EnvironmentFile</c> values plus <c>HOME</c>, <c>USER</c>, <c>STATE_DIRECTORY</c>, ...
/// Every other directory of the prefix belongs to root, as on a real machine.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class UnitSandbox : IDisposable
{
    private static readonly (string Setting, string Root, string Variable)[] ManagedDirectories =
    [
        ("StateDirectory", "/var/lib", "STATE_DIRECTORY"),
        ("LogsDirectory", "/var/log", "LOGS_DIRECTORY"),
        ("RuntimeDirectory", "/run", "RUNTIME_DIRECTORY"),
        ("CacheDirectory", "/var/cache", "CACHE_DIRECTORY"),
    ];

    private UnitSandbox(UnitFile unit, string root, string user, string group, Dictionary<string, string> environment)
    {
        Unit = unit;
        Root = root;
        User = user;
        Group = group;
        Environment = environment;
    }

    public UnitFile Unit { get; }

    /// <summary>The throwaway folder standing for <c>/</c>.</summary>
    public string Root { get; }

    public string User { get; }

    public string Group { get; }

    /// <summary>Exactly what the process gets, and nothing of the test run's own environment.</summary>
    public Dictionary<string, string> Environment { get; }

    public static async Task<UnitSandbox> CreateAsync(string unitPath, string environmentFilePath)
    {
        var unit = UnitFile.Read(unitPath);
        var user = unit.Require("User");
        var group = unit.Get("Group") ?? user;
        await EnsureSystemUserAsync(user, group);

        var root = Directory.CreateTempSubdirectory("easytask-unit-").FullName;
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var passwd = await ExternalCommand.RunAsync("getent", ["passwd", user], TimeSpan.FromSeconds(10));
        var fields = passwd.Trim().Split(':');
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["USER"] = user,
            ["LOGNAME"] = user,
            ["HOME"] = fields[5],
            ["SHELL"] = fields[6],
            ["INVOCATION_ID"] = Guid.NewGuid().ToString("N"),
        };

        var sandbox = new UnitSandbox(unit, root, user, group, environment);
        foreach (var (setting, managedRoot, variable) in ManagedDirectories)
        {
            var created = new List<string>();
            foreach (var name in unit.List(setting))
            {
                created.Add(await sandbox.CreateOwnedAsync(Path.Combine(managedRoot, name)));
            }

            if (created.Count > 0)
            {
                environment[variable] = string.Join(':', created);
            }
        }

        // The EnvironmentFile names paths of the real machine; inside the sandbox they mean the same place under Root.
        if (unit.Get("EnvironmentFile") is { } declared && declared.TrimStart('-') != Path.Combine("/etc/easytask", Path.GetFileName(environmentFilePath)))
        {
            throw new InvalidOperationException($"{unitPath}: EnvironmentFile={declared}, but the test was given {environmentFilePath} as its source");
        }

        foreach (var (name, value) in EnvironmentFile.Read(environmentFilePath))
        {
            environment[name] = sandbox.Map(value);
        }

        return sandbox;
    }

    /// <summary>A path of the real machine inside the sandbox (<c>/var/lib/x</c> → <c>Root/var/lib/x</c>); other values unchanged.</summary>
    public string Map(string value) =>
        value.StartsWith('/') && ManagedDirectories.Any(d => value.StartsWith(d.Root + "/", StringComparison.Ordinal))
            ? Root + value
            : value;

    /// <summary>
    /// What systemd does for <c>LoadCredential=ID:PATH</c> just before the start: copies each source (a path of the
    /// real machine, so under <see cref="Root"/>; the test writes it there) into a directory only the service user can
    /// read and names it in <c>CREDENTIALS_DIRECTORY</c>. A missing source fails, as the unit would fail to start.
    /// </summary>
    public async Task LoadCredentialsAsync()
    {
        var credentials = Unit.List("LoadCredential");
        if (credentials.Count == 0)
        {
            return;
        }

        var directory = await CreateOwnedAsync("/run/credentials/" + System.IO.Path.GetFileName(Unit.Path));
        foreach (var entry in credentials)
        {
            var (id, source) = (entry.Split(':', 2)[0], Root + entry.Split(':', 2)[1]);
            if (!File.Exists(source))
            {
                throw new InvalidOperationException($"{Unit.Path}: LoadCredential={entry}, but {source} does not exist: systemd would not start the unit");
            }

            var target = System.IO.Path.Combine(directory, id);
            File.Copy(source, target, overwrite: true);
            await ExternalCommand.RunAsync("chown", [string.Create(CultureInfo.InvariantCulture, $"{User}:{Group}"), target], TimeSpan.FromSeconds(10));
            File.SetUnixFileMode(target, UnixFileMode.UserRead);
        }

        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Environment["CREDENTIALS_DIRECTORY"] = directory;
    }

    /// <summary>The unit's <c>WorkingDirectory</c> inside the sandbox; it must be one of the directories systemd created.</summary>
    public string WorkingDirectory => Map(Unit.Require("WorkingDirectory"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process of the service still holding a file; the temp folder is cleared by the OS eventually.
        }
    }

    private static async Task EnsureSystemUserAsync(string user, string group)
    {
        if (await ExistsAsync("passwd", user))
        {
            return;
        }

        // As the README's production steps: a system user without a home directory or a login shell.
        if (!await ExistsAsync("group", group))
        {
            await ExternalCommand.RunAsync("groupadd", ["--system", group], TimeSpan.FromSeconds(30));
        }

        await ExternalCommand.RunAsync("useradd", ["--system", "--gid", group, "--no-create-home", "--shell", "/usr/sbin/nologin", user], TimeSpan.FromSeconds(30));
    }

    private static async Task<bool> ExistsAsync(string database, string name)
    {
        try
        {
            await ExternalCommand.RunAsync("getent", [database, name], TimeSpan.FromSeconds(10));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private async Task<string> CreateOwnedAsync(string path)
    {
        // Parents belong to root (0755), as /var/lib does; only the unit's own directory belongs to the user.
        var inside = Root + path;
        Directory.CreateDirectory(inside);
        var owner = string.Create(CultureInfo.InvariantCulture, $"{User}:{Group}");
        await ExternalCommand.RunAsync("chown", [owner, inside], TimeSpan.FromSeconds(10));
        return inside;
    }
}
