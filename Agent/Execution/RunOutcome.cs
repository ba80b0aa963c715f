using System.Globalization;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Execution;

/// <summary>How a run attempt's end becomes its RunFinished: status, reason, return code and a detail when the reason alone does not say.</summary>
internal static class RunOutcome
{
    /// <summary>The process ran and ended, by itself or because it was killed.</summary>
    public static RunFinished Ended(RunTask task, string host, int returnCode, string? killReason, string? killDetail,
        DateTimeOffset startedAt, DateTimeOffset finishedAt, string? problem)
    {
        var (status, reason, detail) = killReason switch
        {
            // An agent lost mid-run is not a verdict on the task: FAILED lets the retry policy run it again.
            // A planned shutdown (reason shutdown) is TERMINATED like any other deliberate stop.
            RunReason.AgentLost => (RunStatus.Failed, killReason, killDetail),
            not null => (RunStatus.Terminated, killReason, killDetail),
            _ when returnCode == 0 => (RunStatus.Success, RunReason.ExitCode, null),
            _ => (RunStatus.Failed, RunReason.ExitCode, Signal(returnCode)),
        };

        return new RunFinished
        {
            RunId = task.RunId,
            Attempt = task.Attempt,
            Host = host,
            Status = status.ToText(),
            Reason = reason,
            ReturnCode = returnCode,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Detail = Join(detail, problem),
        };
    }

    /// <summary>The process never started (refused owner, bad path, missing working_dir, stopped while waiting).</summary>
    public static RunFinished NotStarted(RunTask task, string host, RunStatus status, string reason, string detail, DateTimeOffset at, string? cause = null) => new()
    {
        RunId = task.RunId,
        Attempt = task.Attempt,
        Host = host,
        Status = status.ToText(),
        Reason = reason,
        FinishedAt = at,
        Detail = detail,
        Cause = cause,
    };

    private static string? Signal(int returnCode) =>
        !OperatingSystem.IsWindows() && returnCode is > 128 and < 160
            ? string.Create(CultureInfo.InvariantCulture, $"ended by signal {returnCode - 128} (return code {returnCode})")
            : null;

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";
}
