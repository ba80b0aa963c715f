using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Scheduling;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Runs;

/// <summary>Re-checks runs waiting in ACTIVE on a timer, so a missed notification delays a run by seconds, never forever.</summary>
internal sealed class DependencyWatch(RunLifecycle lifecycle, ILeadership leadership, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<DependencyWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DependencyRecheck, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }

            try
            {
                using (leadership.Fence())
                {
                    await lifecycle.RecheckAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Re-checking runs waiting in ACTIVE failed; trying again in {Interval}", options.Value.DependencyRecheck);
            }
        }
    }
}
