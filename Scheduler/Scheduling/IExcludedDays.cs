namespace EasyTask.Scheduler.Scheduling;

/// <summary>A calendar as the schedule sees it: which local dates a task must not run on, and why.</summary>
internal interface IExcludedDays
{
    /// <summary>The calendar's name, for explanations.</summary>
    string Name { get; }

    /// <summary>When the date is excluded, the reason (e.g. "Independence Day (observed)"); otherwise null.</summary>
    string? ReasonFor(DateOnly date);
}
