namespace EasyTask.Scheduler.Runs;

/// <summary>Where a full reading of the runs in flight started: the change-feed position and the slot queue copy's stamp.</summary>
internal sealed record InFlightMark(long Position, long Stamp);
