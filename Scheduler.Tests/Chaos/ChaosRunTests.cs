using System.Diagnostics;
using System.Globalization;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>
/// The chaos run: two schedulers leading in turn on one PostgreSQL database, two agents, real RabbitMQ; the leader is
/// killed with SIGKILL again and again, the broker restarted, an agent killed, while tasks fire every few seconds.
/// Afterwards every occurrence of the window has exactly one run, every run is final, no attempt ran twice and
/// failover stayed under 10 s. CI runs the short form; <c>deploy/chaos.sh</c> the five-minute one.
/// </summary>
[Category("Chaos")]
[Category("Integration")]
[NonParallelizable]
internal sealed class ChaosRunTests
{
    /// <summary>Where deploy/chaos.sh wants the figures written (besides the test output).</summary>
    public const string ReportVariable = "EASYTASK_CHAOS_REPORT";

    /// <summary>Set to keep the run's folder (process logs, marker file) even when the run passes.</summary>
    public const string KeepVariable = "EASYTASK_CHAOS_KEEP";

    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(10);

    [Test]
    public async Task EveryOccurrence_RunsExactlyOnce_WhenLeaderBrokerAndAgentsAreKilledDuringTheRun()
    {
        var begun = TimeProvider.System.GetUtcNow();
        var plan = ChaosPlan.FromEnvironment();
        var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var broker = await RabbitMqServer.GetAsync();
        var folder = Directory.CreateTempSubdirectory("easytask-chaos-");
        using var cluster = new ChaosCluster(database, broker, folder);
        await TestContext.Out.WriteLineAsync($"chaos run {plan.Name}: logs and marker file in {folder.FullName}");

        await Task.WhenAll(cluster.StartSchedulerAsync(0), cluster.StartSchedulerAsync(1));
        await cluster.StartAgentAsync(0);
        await cluster.StartAgentAsync(1);
        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));

        var tasks = ChaosTask.Make(plan, cluster.AgentNames);
        // Four at a time; a dependent only once the task it names exists.
        foreach (var wave in tasks.GroupBy(t => t.DependsOn is not null).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(wave, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (task, _) =>
                await cluster.PostAsync("api/v1/tasks", task.Json(cluster.MarkerFile)));
        }

        // A definition reaches the leader's clock within a second; the window starts once every task is armed.
        var windowStart = Whole(TimeProvider.System.GetUtcNow().AddSeconds(3));
        var windowEnd = windowStart + plan.Duration;
        var (kills, events) = await ShakeAsync(cluster, plan, windowStart, windowEnd);
        var shaken = TimeProvider.System.GetUtcNow();

        // Let the last occurrences, retries and lost agents play out; tasks keep firing, only the window is judged.
        var runs = await DrainAsync(cluster, tasks, windowStart, windowEnd, plan.Drain);
        var markers = File.Exists(cluster.MarkerFile) ? await File.ReadAllLinesAsync(cluster.MarkerFile) : [];
        var report = ChaosReport.Build(plan, windowStart, windowEnd, tasks, runs, markers, kills, events);
        await TestContext.Out.WriteLineAsync(report.ToString());
        if (report.Stuck.Count > 0)
        {
            // Which agents the cluster believes alive, and how full: what a stuck run waits on.
            var agentsNow = await cluster.GetAsync<System.Text.Json.JsonElement>("api/v1/agents");
            await TestContext.Out.WriteLineAsync($"agents after the drain: {agentsNow}");
        }

        await TestContext.Out.WriteLineAsync($"phases: start and insert {(windowStart - begun).TotalSeconds:0} s, chaos {(windowEnd - windowStart).TotalSeconds:0} s (until {Stamp(shaken)}), drain {(TimeProvider.System.GetUtcNow() - shaken).TotalSeconds:0} s");
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
        }

        Assert.Multiple(() =>
        {
            Assert.That(report.Due, Is.GreaterThan(plan.Tasks * (int)(plan.Duration.TotalSeconds / plan.PeriodSeconds) * 9 / 10), "the tasks fired through the window");
            Assert.That(report.Lost, Is.Empty, "occurrences due in the window without a run");
            Assert.That(report.Doubled, Is.Empty, "occurrences with more than one run");
            Assert.That(report.Stuck, Is.Empty, "runs not final after the drain");
            Assert.That(report.DoubledExecutions, Is.Empty, "(run id, attempt) executed more than once");
            Assert.That(report.RetryViolations, Is.Empty, "runs not retried per their policy");
            Assert.That(report.FailoverGaps, Has.Count.GreaterThanOrEqualTo(plan.LeaderKills - 1), "failovers measured");
            Assert.That(report.FailoverGaps, Is.All.LessThan(FailoverLimit), "failover under 10 s");
        });

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KeepVariable)))
        {
            TryDelete(folder);
        }
    }

    private static async Task<(List<DateTimeOffset> Kills, string Events)> ShakeAsync(ChaosCluster cluster, ChaosPlan plan, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var actions = plan.Schedule();
        var spacing = plan.Duration / (actions.Count + 1);
        var kills = new List<DateTimeOffset>();
        var log = new List<string>();
        var restarting = Task.CompletedTask;
        var agentSlot = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            await DelayUntilAsync(windowStart + spacing * (i + 1));
            var clock = Stopwatch.StartNew();
            switch (actions[i])
            {
                case ChaosAction.KillLeader:
                    // Both schedulers up, one leading: otherwise this would measure a restart, not a failover.
                    await restarting;
                    await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
                    var killedAt = TimeProvider.System.GetUtcNow();
                    if (await cluster.KillLeaderAsync() is { } slot)
                    {
                        kills.Add(killedAt);
                        restarting = cluster.StartSchedulerAsync(slot);
                        log.Add($"leader {slot} killed at {Stamp(killedAt)}");
                    }

                    break;
                case ChaosAction.RestartBroker:
                    await cluster.Broker.StopBrokerAsync();
                    var stopped = clock.Elapsed;
                    await cluster.Broker.StartBrokerAsync();
                    log.Add($"broker stopped at {Stamp(TimeProvider.System.GetUtcNow() - clock.Elapsed)} (stop took {stopped.TotalSeconds:0} s, start {(clock.Elapsed - stopped).TotalSeconds:0} s)");
                    break;
                case ChaosAction.KillAgent:
                    cluster.KillAgent(agentSlot);
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    await cluster.StartAgentAsync(agentSlot);
                    log.Add($"agent {agentSlot} killed at {Stamp(TimeProvider.System.GetUtcNow() - clock.Elapsed)}");
                    agentSlot = 1 - agentSlot;
                    break;
            }
        }

        await restarting;
        await DelayUntilAsync(windowEnd);
        return (kills, string.Join("; ", log));
    }

    private static async Task<Dictionary<string, List<RunResource>>> DrainAsync(
        ChaosCluster cluster, IReadOnlyList<ChaosTask> tasks, DateTimeOffset windowStart, DateTimeOffset windowEnd, TimeSpan drain)
    {
        var deadline = TimeProvider.System.GetUtcNow() + drain;
        while (true)
        {
            var runs = new Dictionary<string, List<RunResource>>();
            foreach (var task in tasks)
            {
                runs[task.Name] = await cluster.GetAsync<List<RunResource>>($"api/v1/runs?task={task.Name}&limit=10000");
            }

            var open = runs.Values.SelectMany(r => r).Count(r => r.ScheduledFor >= windowStart && r.ScheduledFor < windowEnd && r.Status is not ("SUCCESS" or "FAILED" or "TERMINATED"));
            if (open == 0 || TimeProvider.System.GetUtcNow() > deadline)
            {
                return runs;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static async Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static DateTimeOffset Whole(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A task still writing its marker line; /tmp is cleaned by the OS.
        }
    }
}
