using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Definitions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>Wires the scheduling engine: the Quartz clock and which occurrences are due. Runs themselves are <c>AddRunLifecycle</c>'s.</summary>
public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section))
            .Validate(o => o.DependencyRecheck > TimeSpan.Zero && o.RunCreationBatch > 0 && o.MaxMissedRecordedPerTask >= 0,
                $"{SchedulerOptions.Section}: DependencyRecheck and RunCreationBatch must be positive, MaxMissedRecordedPerTask 0 or more")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TaskRegistry>();
        services.AddSingleton<CalendarDays>();
        services.AddSingleton<QuartzClock>();
        services.AddSingleton<DueOccurrences>();
        services.AddSingleton<MissedRunRecovery>();
        services.AddSingleton<SchedulerEngine>();
        services.AddSingleton<TaskExplainer>();
        services.AddSingleton<Agents.TaskWarnings>();
        services.AddSingleton<ITaskChangeListener>(sp => sp.GetRequiredService<SchedulerEngine>());
        services.AddSingleton<ILeadershipListener>(sp => sp.GetRequiredService<SchedulerEngine>());
        services.TryAddSingleton<ILeadership, SoleLeader>();

        services.AddHostedService<QuartzLogBinding>();
        services.AddQuartz(quartz =>
        {
            quartz.SchedulerName = "easytask";
            quartz.UseInMemoryStore();

            // Jobs only enqueue and re-arm; a few threads keep up with thousands of fires a second.
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = 8);

            // Acquire every trigger due at the same instant in one pass (never ahead of its time).
            quartz.MaxBatchSize = 100;
        });
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = false);
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerEngine>());
        return services;
    }
}
