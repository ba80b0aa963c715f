using EasyTask.Scheduler.Runs;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>The bus link as MassTransit's health check sees it, sampled by the run watch on each tick.</summary>
internal sealed class MassTransitBusLink(IBusControl bus, TimeProvider time) : IBusLink
{
    private DateTimeOffset? upSince;

    public DateTimeOffset? UpSince
    {
        get
        {
            var healthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
            upSince = healthy ? upSince ?? time.GetUtcNow() : null;
            return upSince;
        }
    }
}
