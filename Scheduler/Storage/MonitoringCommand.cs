using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>One queued monitoring write: its SQL, its parameters and the run it is about.</summary>
internal sealed record MonitoringCommand(string RunId, string Sql, DynamicParameters Parameters, bool Timeline);
