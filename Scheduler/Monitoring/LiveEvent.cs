namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// One event of the live stream: <see cref="Kind"/> is the SSE event name (<c>run</c> for a status move, <c>timeline</c>
/// for a typed event, <c>output</c> for log text), <see cref="Data"/> its JSON body. <see cref="Id"/> is the run
/// event's id, the position a client resumes from with <c>Last-Event-ID</c>; output carries none (a reconnecting
/// client re-reads the log instead). Run, task and status let a client filter.
/// </summary>
internal sealed record LiveEvent(long? Id, string Kind, string RunId, string Task, string? Status, string Data);
