namespace EasyTask.Scheduler.Scheduling;

internal sealed partial class TaskSchedule
{
    /// <summary>
    /// Turns a wall-clock time in the task's zone into an instant, with the DST rules operators expect:
    /// a time inside the spring-forward gap runs at the first valid instant after the gap (02:30 → 03:00);
    /// a time that occurs twice at fall-back runs once, at its first occurrence.
    /// </summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk to the end of the gap; gaps end on a whole minute in every zone in use.
            var probe = local;
            do
            {
                probe = probe.AddMinutes(1);
            }
            while (zone.IsInvalidTime(probe) && probe - local < TimeSpan.FromDays(2));

            local = new DateTime(probe.Year, probe.Month, probe.Day, probe.Hour, probe.Minute, 0, DateTimeKind.Unspecified);
        }

        // The larger offset of an ambiguous time belongs to the earlier of its two instants.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
