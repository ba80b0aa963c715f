namespace EasyTask.Scheduler.Scheduling;

/// <summary>A local date on which the task would have run but its calendar excludes it.</summary>
internal sealed record SkippedDay(DateOnly Date, string Calendar, string Reason)
{
    /// <summary>The operator's reading: <c>2026-11-26 Thanksgiving Day (US_HOLIDAYS): skipped</c>.</summary>
    public override string ToString() =>
        $"{Date:yyyy-MM-dd} {(Reason.Contains(Calendar, StringComparison.Ordinal) ? Reason : $"{Reason} ({Calendar})")}: skipped";
}
