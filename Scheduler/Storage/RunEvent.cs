using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Storage;

/// <summary>One append-only row of a run's timeline: who moved it from what to what, when, and why.</summary>
internal sealed record RunEvent(long Id, string RunId, int Attempt, DateTimeOffset At, string Actor, RunStatus? From, RunStatus To, string? Detail);
