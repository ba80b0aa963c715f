using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Hosting.Units;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

/// <summary>
/// Each shipped systemd unit runs its published executable as the unit would (see <see cref="UnitSandbox"/> and
/// <see cref="UnitProcess"/>): settings are read from deploy/systemd and deploy/config, so a change there is tested
/// here. Only the addresses of the example servers are replaced by the test run's own database, broker and port.
/// </summary>
[Category("Integration")]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ServiceUnitTests
{
    [OneTimeSetUp]
    public void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Ignore("runs services as their unit's User: needs root (as deploy/test.sh and CI run)");
        }
    }

    [Test]
    public async Task SchedulerUnit_SendsReadyServesHealthAndStopsOnSigterm_WhenRunAsItsUnitRunsIt()
    {
        var broker = await RabbitMqServer.GetAsync();
        var port = FreePort();
        await using var scheduler = await StartSchedulerAsync(broker.AmqpUrl, port);
        using var http = await ClientAsync(scheduler, port);

        using var health = await http.GetAsync("health");
        using var ready = await http.GetAsync("health/ready");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), scheduler.Process.Output);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
        Assert.That(File.Exists(Path.Combine(scheduler.Directory("STATE_DIRECTORY"), "easytask.db")), Is.True, "the database lives in the StateDirectory");
        await scheduler.AssertStopsCleanlyAsync();
    }

    [Test]
    public async Task AgentUnit_SendsReadyHeartbeatsRunsATaskAndStopsOnSigterm_WhenRunAsItsUnitRunsIt()
    {
        var broker = await RabbitMqServer.GetAsync();
        var port = FreePort();
        var name = $"unit-agent-{Guid.NewGuid():N}"[..24];
        await using var scheduler = await StartSchedulerAsync(broker.AmqpUrl, port);
        // As the README installs it: EASYTASK_BUS without the password, which the unit loads as a credential.
        var agentBus = new Uri(await broker.AgentUrlAsync(name));
        var (busUser, busPassword) = (agentBus.UserInfo.Split(':', 2)[0], Uri.UnescapeDataString(agentBus.UserInfo.Split(':', 2)[1]));
        await using var agent = await RunningUnit.StartAsync("easytask-agent.service", "agent.env", sandbox => Replace(sandbox, new()
        {
            ["EASYTASK_BUS"] = WithPasswordFile(sandbox, $"amqp://{busUser}@{agentBus.Host}:{agentBus.Port}/", busPassword),
            ["EASYTASK_AGENT_NAME"] = name,
        }));
        await agent.AssertReadyAsync();
        using var http = await ClientAsync(scheduler, port);

        var heard = await WaitForAliveAsync(http, name);
        var run = await RunOnceAsync(http, name);

        Assert.That(heard, Is.True, $"no heartbeat from {name}; the agent printed:\n{agent.Process.Output}");
        Assert.That((run.Status, run.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), $"run {run.RunId}: {run.Status} {run.Reason}; the agent printed:\n{agent.Process.Output}");
        var output = await File.ReadAllTextAsync(Path.Combine(agent.Directory("LOGS_DIRECTORY"), "unit-check.out"));
        Assert.That(output, Does.StartWith(agent.Sandbox.User + "\n"), "the task ran as the unit's user, its output in the LogsDirectory");
        Assert.That(Directory.Exists(Path.Combine(agent.Directory("STATE_DIRECTORY"), "journal")), Is.True, "the journal lives in the StateDirectory");
        await agent.AssertStopsCleanlyAsync();
        await scheduler.AssertStopsCleanlyAsync();
    }

    private static async Task<RunningUnit> StartSchedulerAsync(string busUrl, int port)
    {
        var scheduler = await RunningUnit.StartAsync("easytask-scheduler.service", "scheduler.env", sandbox => Replace(sandbox, new()
        {
            ["EASYTASK_DB"] = "sqlite:" + Path.Combine(sandbox.Environment["STATE_DIRECTORY"].Split(':')[0], "easytask.db"),
            ["EASYTASK_BUS"] = busUrl,
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
        }));
        try
        {
            await scheduler.AssertReadyAsync();
            return scheduler;
        }
        catch
        {
            await scheduler.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with the first admin token, made as the README says (<c>easytask token create --db</c>) and as the service user, so the database's files stay the service's.</summary>
    private static async Task<HttpClient> ClientAsync(RunningUnit scheduler, int port)
    {
        var printed = await scheduler.RunAsServiceUserAsync(
            "/opt/easytask/easytask", ["token", "create", "--name", "unit-test-admin", "--role", "admin", "--db", scheduler.Sandbox.Environment["EASYTASK_DB"]]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", printed.Trim().Split('\n')[^1].Trim());
        return http;
    }

    /// <summary>Only settings the environment file already has are replaced (they name example servers), so the file stays what is tested.</summary>
    /// <summary>Writes the password where the unit's LoadCredential= reads it (root's, mode 0600) and returns <paramref name="bus"/>.</summary>
    private static string WithPasswordFile(UnitSandbox sandbox, string bus, string password)
    {
        var file = sandbox.Root + "/etc/easytask/agent-bus.password";
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, password);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return bus;
    }

    private static Dictionary<string, string> Replace(UnitSandbox sandbox, Dictionary<string, string> values)
    {
        foreach (var name in values.Keys.Where(n => !sandbox.Environment.ContainsKey(n) && n != "EASYTASK_AGENT_NAME"))
        {
            Assert.Fail($"the environment file has no {name}; the test would be testing its own settings");
        }

        return values;
    }

    private static async Task<bool> WaitForAliveAsync(HttpClient http, string name)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var agents = await http.GetFromJsonAsync<List<AgentResource>>("api/v1/agents", ApiJson.Options) ?? [];
            if (agents.Any(a => a.Name == name && a.Alive))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static async Task<RunResource> RunOnceAsync(HttpClient http, string host)
    {
        var definition = $$"""
            { "tid": 9101, "name": "unit_check", "cmd": "id -un; pwd", "run_on_host": "{{host}}", "stdout": "unit-check.out", "max_run_time": 60 }
            """;
        using var inserted = await http.PostAsync("api/v1/tasks", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.That(inserted.IsSuccessStatusCode, Is.True, await inserted.Content.ReadAsStringAsync());
        using var started = await http.PostAsync("api/v1/tasks/unit_check/run", null);
        var run = (await started.Content.ReadFromJsonAsync<RunResource>(ApiJson.Options))!;
        for (var attempt = 0; attempt < 300 && run.Status is not ("SUCCESS" or "FAILED" or "TERMINATED"); attempt++)
        {
            await Task.Delay(200);
            run = (await http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options))!;
        }

        return run;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
