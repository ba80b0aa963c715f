using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>Starting and stopping a throwaway cluster with the installed PostgreSQL binaries.</summary>
internal sealed partial class PostgresServer
{
    private const string PostgresInstallRoot = "/usr/lib/postgresql";
    private const int StartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null, asPostgresUser: false);
        }

        var bin = FindBinDirectory();

        // initdb and postgres refuse to run as root, and the tests run as root on the build machines.
        var asPostgresUser = Environment.IsPrivilegedProcess;
        var dataDirectory = Path.Combine("/tmp", $"easytask-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        if (asPostgresUser)
        {
            await ExternalCommand.RunAsync("chown", ["postgres:postgres", dataDirectory], ToolTimeout);
        }

        var failures = new List<string>();
        var initialised = false;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var port = FreePort();
            var server = new PostgresServer(
                $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=15;Include Error Detail=true",
                dataDirectory,
                bin,
                asPostgresUser);
            try
            {
                if (!initialised)
                {
                    await server.RunToolAsync("initdb", ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
                    initialised = true;
                }

                // The port was free a moment ago; another process may take it first, hence the retries.
                await server.RunToolAsync("pg_ctl", ["-D", dataDirectory, "-l", server.LogFile, "-w", "-t", "60", "-o",
                    $"-p {port} -k {dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopServerAsync().GetAwaiter().GetResult();
                return server;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                failures.Add($"attempt {attempt}: {ex.Message}\nserver log:\n{server.ReadLog()}");
                if (!initialised)
                {
                    break;
                }
            }
        }

        TryDelete(dataDirectory);
        throw new InvalidOperationException(
            $"the PostgreSQL server for the tests could not be started with {bin} " +
            $"(set {ExternalServerVariable} to a connection string to use a running server instead):\n{string.Join("\n", failures)}");
    }

    private string LogFile => Path.Combine(dataDirectory!, "log");

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists(PostgresInstallRoot)
            ? Directory.GetDirectories(PostgresInstallRoot)
                .Select(folder => (Folder: folder, Major: int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0))
                .OrderByDescending(c => c.Major)
                .Select(c => Path.Combine(c.Folder, "bin"))
            : [];
        return candidates.FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            ?? throw new InvalidOperationException(
                $"the PostgreSQL server binaries (initdb, pg_ctl) were not found under {PostgresInstallRoot}/*/bin: " +
                $"install the server (apt-get install postgresql) or set {ExternalServerVariable} to a connection string");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<string> RunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var program = Path.Combine(binDirectory!, tool);

        // The working directory must be one the postgres user can enter, or the tools complain.
        return asPostgresUser
            ? ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], ToolTimeout, "/tmp")
            : ExternalCommand.RunAsync(program, arguments, ToolTimeout, "/tmp");
    }

    private async Task StopServerAsync()
    {
        if (dataDirectory is null || Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await RunToolAsync("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            TryDelete(dataDirectory);
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log was written)";
        }
        catch (IOException ex)
        {
            return $"(the server log cannot be read: {ex.Message})";
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers under /tmp are harmless; failing the run over them would not be.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
