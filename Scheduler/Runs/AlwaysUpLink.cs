namespace EasyTask.Scheduler.Runs;

/// <summary>A link that never breaks, for hosts without a broker between scheduler and agents (tests, one process).</summary>
internal sealed class AlwaysUpLink : IBusLink
{
    public DateTimeOffset? UpSince => DateTimeOffset.MinValue;
}
