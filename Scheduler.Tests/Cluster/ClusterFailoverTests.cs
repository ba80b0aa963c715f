using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Cluster;

/// <summary>
/// Two <c>easytask serve</c> hosts on one real PostgreSQL database: one leads and fires, the other stands by and
/// serves the API; when the leader stops without giving its lease up (as a killed process does), the standby takes
/// over within the lease and every occurrence still has exactly one run.
/// </summary>
[Category("Integration")]
internal sealed class ClusterFailoverTests
{
    private const long Tid = 801;
    private const string Name = "every_two_seconds";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Standby_TakesOverWithinTheLease_AndNoOccurrenceIsLostOrDoubled_WhenTheLeaderDies()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var first = await StartAsync(database);
        var second = await StartAsync(database);
        RunningScheduler? killed = null;
        try
        {
            var before = await ClusterAsync(second);
            var (leader, standby) = before.Leader == before.ThisInstance ? (second, first) : (first, second);

            // A change made through the standby must reach the leader's clock within a second.
            await InsertThroughAsync(standby);
            var synced = Stopwatch.StartNew();
            while (await ArmedAsync(leader) is null && synced.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(50);
            }

            var syncTime = synced.Elapsed;
            await Task.Delay(Every * 3);
            var standbyArmed = await ArmedAsync(standby);
            var firedByLeader = (await RunsAsync(standby)).Count;

            // The leader dies: its lease is not released, so the standby has to wait for it to expire.
            var killedAt = Stopwatch.StartNew();
            killed = leader;
            await leader.DisposeAsync();
            ClusterResource after;
            do
            {
                await Task.Delay(100);
                after = await ClusterAsync(standby);
            }
            while (after.Leader != after.ThisInstance && killedAt.Elapsed < Lease * 4);

            var takeover = killedAt.Elapsed;
            var status = await CliRun.RunAsync("cluster", "status", "--server", standby.Url);
            await Task.Delay(Every * 3);
            var runs = await RunsAsync(standby);
            var times = runs.Select(r => r.ScheduledFor).Order().ToList();

            await TestContext.Out.WriteLineAsync($"definition sync to the leader {syncTime.TotalMilliseconds:0} ms; takeover {takeover.TotalMilliseconds:0} ms after the leader died (lease {Lease.TotalSeconds} s); {runs.Count} runs, one per occurrence");
            Assert.That(before.Leader, Is.Not.Null, "one scheduler leads");
            Assert.That(before.Instances.Count(i => i.Leader), Is.EqualTo(1));
            Assert.That(syncTime, Is.LessThan(TimeSpan.FromSeconds(1.5)), "a definition inserted through the standby is armed on the leader within about a second");
            Assert.That(standbyArmed, Is.Null, "the standby's clock fires nothing");
            Assert.That(firedByLeader, Is.GreaterThanOrEqualTo(2), "the leader fired");
            Assert.That(after.Leader, Is.EqualTo(after.ThisInstance), "the standby took over");
            Assert.That(after.Epoch, Is.EqualTo(before.Epoch + 1));
            Assert.That(takeover, Is.LessThan(Lease + TimeSpan.FromSeconds(2)), "taken over within the lease (plus one renewal)");
            Assert.That(status.Output, Does.Contain($"Mode: cluster; leader {after.ThisInstance}, epoch {after.Epoch}"), status.ToString());
            Assert.That(times, Is.Unique, "no occurrence doubled");
            Assert.That(times.Zip(times.Skip(1), (a, b) => b - a), Is.All.EqualTo(Every), $"no occurrence lost across the takeover: {string.Join(", ", times.Select(t => t.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.That(times[^1], Is.GreaterThan(TimeProvider.System.GetUtcNow() - Every * 2), "the new leader keeps firing");
        }
        finally
        {
            foreach (var server in new[] { first, second }.Where(s => s != killed))
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<RunningScheduler> StartAsync(string database) =>
        await RunningScheduler.StartAsync(
            database,
            $"--EasyTask:Cluster:LeaseDuration={Lease}",
            "--EasyTask:Cluster:RenewInterval=00:00:01",
            "--EasyTask:Cluster:ReleaseOnStop=false");

    private static async Task InsertThroughAsync(RunningScheduler server)
    {
        var definition = SampleDefinitions.Task(Tid, Name)
            .Replace("\"trigger_times\": \"08:30\"", "\"cron\": \"*/2 * * * * *\"", StringComparison.Ordinal)
            .Replace("America/New_York", "UTC", StringComparison.Ordinal).Replace("1111100", "1111111", StringComparison.Ordinal);
        using var inserted = await server.Http.PostAsync("api/v1/tasks", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.That(inserted.IsSuccessStatusCode, Is.True, await inserted.Content.ReadAsStringAsync());
    }

    private static Task<DateTimeOffset?> ArmedAsync(RunningScheduler server) =>
        server.Services.GetRequiredService<QuartzClock>().ArmedForAsync(Tid, CancellationToken.None);

    private static async Task<ClusterResource> ClusterAsync(RunningScheduler server) =>
        (await server.Http.GetFromJsonAsync<ClusterResource>("api/v1/cluster", ApiJson.Options))!;

    private static async Task<List<RunResource>> RunsAsync(RunningScheduler server) =>
        await server.Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={Name}&limit=1000", ApiJson.Options) ?? [];
}
