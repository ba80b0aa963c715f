using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>
/// The cluster a chaos run shakes: two <c>easytask serve</c> processes on one PostgreSQL database and two
/// <c>easytask-agent</c> processes, all on the run's RabbitMQ, every one a real process that can be killed with SIGKILL
/// and started again in its slot.
/// </summary>
internal sealed class ChaosCluster : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly ChaosProcess?[] schedulers = new ChaosProcess?[2];
    private readonly Uri?[] urls = new Uri?[2];
    private readonly ChaosProcess?[] agents = new ChaosProcess?[2];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private int started;

    public ChaosCluster(string database, RabbitMqServer broker, DirectoryInfo folder)
    {
        Database = database;
        Broker = broker;
        Folder = folder;
        AgentNames = [$"chaos-a-{Guid.NewGuid():N}"[..16], $"chaos-b-{Guid.NewGuid():N}"[..16]];
    }

    public string Database { get; }

    public RabbitMqServer Broker { get; }

    public DirectoryInfo Folder { get; }

    public IReadOnlyList<string> AgentNames { get; }

    public string MarkerFile => Path.Combine(Folder.FullName, "markers.txt");

    /// <summary>Starts scheduler <paramref name="slot"/> (killing what was in it) and returns once it answers /health/ready.</summary>
    public async Task StartSchedulerAsync(int slot)
    {
        schedulers[slot]?.Dispose();
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var n = Interlocked.Increment(ref started);
        schedulers[slot] = ChaosProcess.Start(
            "Scheduler",
            "easytask.dll",
            [
                "serve", "--insecure-no-auth", $"--urls={url.ToString().TrimEnd('/')}", $"--EasyTask:Database={Database}",
                $"--EasyTask:Bus={Broker.AmqpUrl}", "--Serilog:MinimumLevel:Default=Warning",
                "--EasyTask:Dispatch:AgentTimeout=00:00:10", "--EasyTask:Dispatch:AcknowledgeTimeout=00:00:05", "--EasyTask:Dispatch:WatchInterval=00:00:01",
            ],
            new Dictionary<string, string>(),
            Path.Combine(Folder.FullName, $"scheduler-{slot}-{n}.log"));
        urls[slot] = url;
        await WaitReadyAsync(slot);
    }

    /// <summary>Starts agent <paramref name="slot"/> under its fixed name (killing what was in it), as its own broker user.</summary>
    public async Task StartAgentAsync(int slot)
    {
        agents[slot]?.Dispose();
        var name = AgentNames[slot];
        var busUrl = await Broker.AgentUrlAsync(name);
        agents[slot] = ChaosProcess.Start(
            "Agent",
            "easytask-agent.dll",
            ["--name", name],
            new Dictionary<string, string>
            {
                ["EASYTASK_BUS"] = busUrl,
                ["EASYTASK_AGENT_LOGS"] = Path.Combine(Folder.FullName, name, "logs"),
                ["EASYTASK_AGENT_JOURNAL"] = Path.Combine(Folder.FullName, name, "journal"),
                // 16 slots: 200 tasks every 10 s of 0.3-0.5 s commands need about 20 starts a second; with the default 4
                // the run measured the agents' capacity, not the chaos.
                ["EasyTask__Agent__MaxConcurrentRuns"] = "16",
            },
            Path.Combine(Folder.FullName, $"agent-{slot}.log"));
    }

    public void KillAgent(int slot) => agents[slot]?.Kill9();

    /// <summary>SIGKILLs the leading scheduler and answers its slot, or null when no scheduler leads now.</summary>
    public async Task<int?> KillLeaderAsync()
    {
        if (await LeaderSlotAsync() is not { } slot)
        {
            return null;
        }

        schedulers[slot]!.Kill9();
        return slot;
    }

    /// <summary>Which slot's process holds the lease now, asking any live scheduler; null when none leads.</summary>
    public async Task<int?> LeaderSlotAsync()
    {
        if (await ClusterAsync() is not { Leader: { } leader })
        {
            return null;
        }

        var pid = int.Parse(leader.Split(':')[^2], CultureInfo.InvariantCulture);
        for (var slot = 0; slot < schedulers.Length; slot++)
        {
            if (schedulers[slot] is { HasExited: false } p && p.Pid == pid)
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>Waits until a live scheduler leads; answers how long that took.</summary>
    public async Task<TimeSpan> WaitForLeaderAsync(TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await LeaderSlotAsync() is not null)
            {
                return clock.Elapsed;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no scheduler led within {timeout}");
    }

    /// <summary>A live scheduler's API (the first that answers).</summary>
    public async Task<T> GetAsync<T>(string path)
    {
        Exception? last = null;
        for (var round = 0; round < 20; round++)
        {
            foreach (var url in Live())
            {
                try
                {
                    return (await http.GetFromJsonAsync<T>(new Uri(url, path), ApiJson.Options))!;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    last = ex;
                }
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"no scheduler answered GET {path}", last);
    }

    public async Task PostAsync(string path, string json)
    {
        var url = Live().First();
        using var response = await http.PostAsync(new Uri(url, path), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.That(response.IsSuccessStatusCode, Is.True, $"POST {path}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose()
    {
        foreach (var process in schedulers.Concat(agents))
        {
            process?.Dispose();
        }

        http.Dispose();
    }

    private async Task<ClusterResource?> ClusterAsync()
    {
        foreach (var url in Live())
        {
            try
            {
                return await http.GetFromJsonAsync<ClusterResource>(new Uri(url, "api/v1/cluster"), ApiJson.Options);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Down or starting: ask the other.
            }
        }

        return null;
    }

    private IEnumerable<Uri> Live() => Enumerable.Range(0, schedulers.Length)
        .Where(slot => schedulers[slot] is { HasExited: false } && urls[slot] is not null)
        .Select(slot => urls[slot]!);

    private async Task WaitReadyAsync(int slot)
    {
        var deadline = TimeProvider.System.GetUtcNow() + ReadyTimeout;
        while (TimeProvider.System.GetUtcNow() < deadline && schedulers[slot] is { HasExited: false })
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(urls[slot]!, "health/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"scheduler {slot} did not become ready within {ReadyTimeout} (see {Folder.FullName})");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
