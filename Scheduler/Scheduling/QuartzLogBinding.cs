using Quartz.Logging;

namespace EasyTask.Scheduler.Scheduling;

/// <summary>
/// Points Quartz's process-wide log provider at this host's logger factory. Quartz keeps the first one it
/// sees in a static; a second host in the same process (tests, an in-process restart) would otherwise log
/// into a disposed factory and fail. Registered before Quartz's hosted service, so it runs first.
/// </summary>
internal sealed class QuartzLogBinding : IHostedService
{
    public QuartzLogBinding(ILoggerFactory loggers) => Bind(loggers);

    public static void Bind(ILoggerFactory loggers) => LogContext.SetCurrentLogProvider(loggers);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
