namespace EasyTask.Scheduler.Api.Stream;

/// <summary>
/// One event of the live stream: <see cref="Kind"/> is the SSE event name (<c>run</c> for a status change,
/// <c>output</c> for log text), <see cref="Data"/> its JSON body. <see cref="Id"/> is the run event's id, a
/// position a client resumes from with <c>Last-Event-ID</c>; output carries none (a reconnecting client
/// re-reads the log instead). The run, task and status let a client filter.
/// </summary>
internal sealed record StreamEvent(long? Id, string Kind, string RunId, string Task, string? Status, string Data);
