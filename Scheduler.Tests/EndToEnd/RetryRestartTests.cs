using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>
/// A retry's wake-up time is a column, not a timer in memory: a retry waiting about 30 s survives a kill and restart
/// of the scheduler process and fires at its time, not when the scheduler comes back.
/// </summary>
[Category("Integration")]
[NonParallelizable]
internal sealed partial class RetryRestartTests
{
    private const string Name = "retry_after_restart";

    [Test]
    public async Task WaitingRetry_FiresAtItsTime_WhenTheSchedulerIsKilledAndRestartedDuringTheBackoff()
    {
        var broker = await RabbitMqServer.GetAsync();
        var folder = Directory.CreateTempSubdirectory("easytask-retry-restart-");
        var database = $"sqlite:{Path.Combine(folder.FullName, "easytask.db")}";
        var agentName = $"retry-{Guid.NewGuid():N}"[..16];
        await using var agent = await RunningAgent.StartAsync(agentName, await broker.AgentUrlAsync(agentName), folder.FullName);
        var first = await SchedulerProcess.StartAsync(database, broker.AmqpUrl);
        RunResource waiting;
        DateTimeOffset retryAt;
        try
        {
            // The first attempt fails; the retry waits retry_delay 30 s (±25 % jitter) in ACTIVE with its not_before.
            var due = TimeProvider.System.GetUtcNow().AddSeconds(4);
            var json = $$"""{"tid": 78001, "name": "{{Name}}", "cmd": "[ \"$EASYTASK_ATTEMPT\" -gt 1 ]", "run_on_host": "{{agentName}}", "cron": "{{due.Second}} {{due.Minute}} {{due.Hour}} * * *", "timezone": "UTC", "retry_attempts": 1, "retry_delay": 30}""";
            using (var created = await first.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json")))
            {
                Assert.That(created.IsSuccessStatusCode, Is.True, await created.Content.ReadAsStringAsync());
            }

            waiting = await WaitForAsync(first.Http, r => r.Attempt == 2 && r.Status == "ACTIVE", TimeSpan.FromSeconds(90));
            var scheduled = waiting.Events!.Last(e => e.To == "ACTIVE" && e.Attempt == 2);
            retryAt = scheduled.At + TimeSpan.FromSeconds(double.Parse(RetryDelay().Match(scheduled.Detail!).Groups[1].Value, CultureInfo.InvariantCulture));
            first.Crash();
        }
        finally
        {
            first.Dispose();
        }

        using var second = await SchedulerProcess.StartAsync(database, broker.AmqpUrl);
        var restartedAt = TimeProvider.System.GetUtcNow();
        var done = await WaitForAsync(second.Http, r => r.RunId == waiting.RunId && r.Status == "SUCCESS", TimeSpan.FromSeconds(120));
        var sent = done.Events!.First(e => e.To == "TRIGGER" && e.Attempt == 2).At;

        await TestContext.Out.WriteLineAsync($"retry due {retryAt:HH:mm:ss.fff}, scheduler back {restartedAt:HH:mm:ss.fff}, attempt 2 sent {sent:HH:mm:ss.fff}");
        Assert.That(restartedAt, Is.LessThan(retryAt - TimeSpan.FromSeconds(3)), "the scheduler was back well before the retry was due (else this proves nothing)");
        Assert.That(sent, Is.GreaterThanOrEqualTo(retryAt - TimeSpan.FromSeconds(1)), "the retry did not fire at start, before its time");
        Assert.That(sent, Is.LessThan(retryAt + TimeSpan.FromSeconds(10)), "the retry fired at its time after the restart");
        Assert.That(done.Attempt, Is.EqualTo(2));
    }

    private static async Task<RunResource> WaitForAsync(HttpClient http, Func<RunResource, bool> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        List<RunResource> runs = [];
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            try
            {
                runs = await http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={Name}", ApiJson.Options) ?? [];
                if (runs.FirstOrDefault(condition) is { } run)
                {
                    return (await http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options))!;
                }
            }
            catch (HttpRequestException)
            {
                // Between a kill and a start.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"no run of {Name} reached the expected state within {timeout}: {string.Join("; ", runs.Select(r => $"{r.RunId} {r.Status} attempt {r.Attempt}"))}");
        throw new InvalidOperationException("unreachable");
    }

    [GeneratedRegex(@"after ([0-9]+(?:\.[0-9]+)?) s")]
    private static partial Regex RetryDelay();
}
