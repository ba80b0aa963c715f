using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Runs;

/// <summary>Priority dispatch with the standalone in-process agent of one run slot, running real processes.</summary>
[Category("Integration")]
internal sealed class PriorityDispatchTests
{
    [Test]
    public async Task ForceStart_StartsThePriority90RunNext_WhenItQueuesAfterTenPriority10RunsOnAOneSlotAgent()
    {
        await using var server = await StartOneSlotStandaloneAsync();
        await InsertAsync(server, """{"tid": 1, "name": "low", "cmd": "sleep 1", "run_on_host": "localhost", "priority": 10, "concurrency": "allow"}""");
        await InsertAsync(server, """{"tid": 2, "name": "high", "cmd": "true", "run_on_host": "localhost", "priority": 90, "concurrency": "allow"}""");
        await AgentReportsItsSlotsAsync(server);

        for (var i = 0; i < 10; i++)
        {
            (await server.Http.PostAsync("api/v1/tasks/low/run", null)).EnsureSuccessStatusCode();
        }

        await server.WaitForRunAsync("low", r => r.Status is "RUNNING", TimeSpan.FromSeconds(30));
        (await server.Http.PostAsync("api/v1/tasks/high/run", null)).EnsureSuccessStatusCode();
        var waiting = (await server.Http.GetFromJsonAsync<List<RunResource>>("api/v1/runs?task=low", ApiJson.Options))!
            .Where(r => r.Status == "TRIGGER").Select(r => r.WaitingFor).ToList();

        await server.WaitForRunAsync("high", r => r.Status is "SUCCESS" or "FAILED", TimeSpan.FromSeconds(60));
        await WaitAllFinishedAsync(server, "low", 10);
        var all = (await server.Http.GetFromJsonAsync<List<RunResource>>("api/v1/runs?limit=100", ApiJson.Options))!;
        var order = all.OrderBy(r => r.StartedAt).Select(r => r.Task).ToList();

        Assert.That(order, Has.Count.EqualTo(11));
        Assert.That(order.Take(2), Is.EqualTo(new[] { "low", "high" }), $"start order: {string.Join(", ", order)}");
        Assert.That(waiting, Has.Some.Match(@"^waiting for a free slot on localhost, \d+ ahead$"), "run show says why a run waits in TRIGGER");
    }

    [Test]
    public async Task DeleteTask_EndsItsRunsWaitingForASlotAsFailed_WhenTheirTaskIsGoneBeforeTheyWereSent()
    {
        await using var server = await StartOneSlotStandaloneAsync();
        await InsertAsync(server, """{"tid": 1, "name": "busy", "cmd": "sleep 3", "run_on_host": "localhost", "concurrency": "allow"}""");
        await InsertAsync(server, """{"tid": 2, "name": "doomed", "cmd": "true", "run_on_host": "localhost", "concurrency": "allow"}""");
        await AgentReportsItsSlotsAsync(server);
        (await server.Http.PostAsync("api/v1/tasks/busy/run", null)).EnsureSuccessStatusCode();
        await server.WaitForRunAsync("busy", r => r.Status is "RUNNING", TimeSpan.FromSeconds(30));
        (await server.Http.PostAsync("api/v1/tasks/doomed/run", null)).EnsureSuccessStatusCode();
        (await server.Http.PostAsync("api/v1/tasks/doomed/run", null)).EnsureSuccessStatusCode();
        await server.WaitForRunAsync("doomed", r => r.Status is "TRIGGER", TimeSpan.FromSeconds(10));

        (await server.Http.DeleteAsync("api/v1/tasks/doomed")).EnsureSuccessStatusCode();
        await server.WaitForRunAsync("busy", r => r.Status is "SUCCESS", TimeSpan.FromSeconds(30));
        var doomed = new List<RunResource>();
        for (var i = 0; i < 100 && (doomed.Count < 2 || doomed.Any(r => r.Status == "TRIGGER")); i++)
        {
            await Task.Delay(200);
            doomed = (await server.Http.GetFromJsonAsync<List<RunResource>>("api/v1/runs?task=doomed", ApiJson.Options))!;
        }

        Assert.That(doomed.Select(r => (r.Status, r.Reason)), Is.EqualTo(new[] { ("FAILED", "dispatch_failed"), ("FAILED", "dispatch_failed") }),
            "runs of a deleted task end instead of waiting in TRIGGER forever");
    }

    /// <summary>A standalone scheduler whose in-process agent has one run slot and no prefetch: every other run waits in TRIGGER.</summary>
    private static Task<RunningScheduler> StartOneSlotStandaloneAsync()
    {
        var folder = Directory.CreateTempSubdirectory("easytask-priority-").FullName;
        return RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(folder, "easytask.db")}",
            $"--{SchedulerHost.StandaloneKey}=true",
            "--EasyTask:Bus=inmemory",
            $"--EasyTask:Watch:Folder={Path.Combine(folder, "tasks")}",
            $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "agent-logs")}",
            $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "agent-journal")}",
            "--EasyTask:Agent:MaxConcurrentRuns=1",
            "--EasyTask:Dispatch:Prefetch=0");
    }

    private static async Task InsertAsync(RunningScheduler server, string json)
    {
        using var response = await server.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task AgentReportsItsSlotsAsync(RunningScheduler server)
    {
        var agents = server.Services.GetRequiredService<AgentRegistry>();
        for (var i = 0; i < 300 && agents.LastHeartbeat("localhost")?.Capacity != 1; i++)
        {
            await Task.Delay(100);
        }

        Assert.That(agents.LastHeartbeat("localhost")?.Capacity, Is.EqualTo(1), "the in-process agent reports one slot");
    }

    private static async Task WaitAllFinishedAsync(RunningScheduler server, string task, int count)
    {
        for (var i = 0; i < 600; i++)
        {
            var runs = (await server.Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={task}", ApiJson.Options))!;
            if (runs.Count(r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED") >= count)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the {count} runs of {task} did not all finish");
    }
}
