namespace EasyTask.Scheduler.Storage;

/// <summary>What an adhoc run runs: kept beside the run so it can be sent to its agent again (it has no task definition).</summary>
internal sealed record AdhocCommandRecord(string RunId, string Cmd, string Host, string? Owner, int MaxRunTime, string RequestedBy);
