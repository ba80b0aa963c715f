namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>What one scan of the watched folder did, and when the next look is worth taking.</summary>
/// <param name="Imported">Files applied and moved to <c>processed/</c>.</param>
/// <param name="Rejected">Files moved to <c>rejected/</c>.</param>
/// <param name="Waiting">Files left in place: still settling, busy, or failed and kept for a retry.</param>
/// <param name="NextSettled">How soon the first file still settling may be read, or null when none is.</param>
internal sealed record ScanResult(int Imported, int Rejected, int Waiting, TimeSpan? NextSettled);
