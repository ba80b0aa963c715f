using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>What an operator's retry did: the run (null when there is none) and, when it was refused, why.</summary>
internal sealed record RetryOutcome(RunRecord? Run, string? Refusal, bool Conflict = false);
