namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Whether the scheduler itself can hear agents. While its own link to the broker is down, silence proves
/// nothing about the agents, so none may be declared lost until the link has been back a whole timeout.
/// </summary>
internal interface IBusLink
{
    /// <summary>Since when the link has been up without a break; null while it is down.</summary>
    DateTimeOffset? UpSince { get; }
}
