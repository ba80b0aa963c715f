namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>Answer of <c>POST /api/v1/apply</c>: every task and calendar with its action; <c>changed</c> when any is not <c>unchanged</c>.</summary>
internal sealed record ApplyResult(IReadOnlyList<PlannedChange> Changes, bool Changed, bool Applied, string Source);
