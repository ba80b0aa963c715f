using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// Decides whether a failed attempt is worth retrying, from what the agent reports in structured form: the reason,
/// the return code and, for a process that was not started (<c>dispatch_failed</c>), its
/// <see cref="NotStartedCause"/>. The detail's words are for people and never decide.
/// Host-level failures (the agent lost, a process that could not be spawned on the host) feed the host's circuit breaker.
/// </summary>
internal static class ErrorClassifier
{
    // POSIX shells: 126 found but not executable, 127 not found.
    private const int NotExecutable = 126;
    private const int NotFound = 127;

    public static ErrorClass? Classify(AttemptResult result, TaskDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == RunStatus.Success)
        {
            return null;
        }

        switch (result.Reason)
        {
            case RunReason.Killed:
                return ErrorClass.Permanent("killed by an operator");
            case RunReason.TimedOut:
                return ErrorClass.Retryable("max_run_time exceeded");
            case RunReason.AgentLost:
                return ErrorClass.Retryable("the agent was lost", hostLevel: true);
            case RunReason.DispatchFailed:
                return ClassifyNotStarted(result.Cause);
            case RunReason.ExitCode when result.ReturnCode is NotExecutable:
                return ErrorClass.Permanent("return code 126: the command is not executable");
            case RunReason.ExitCode when result.ReturnCode is NotFound:
                return ErrorClass.Permanent("return code 127: the command was not found");
            case RunReason.ExitCode when definition?.RetryOnExitCodes is { Count: > 0 } codes && result.ReturnCode is { } rc && !codes.Contains(rc):
                return ErrorClass.Permanent($"return code {rc} is not in retry_on_exit_codes [{string.Join(", ", codes)}]");
            default:
                return ErrorClass.Retryable(result.ReturnCode is { } code ? $"return code {code}" : result.Reason);
        }
    }

    private static ErrorClass ClassifyNotStarted(string? cause) => cause switch
    {
        NotStartedCause.OwnerNotAllowed => ErrorClass.Permanent("task_owner is not allowed on the agent"),
        NotStartedCause.OutputPathRefused => ErrorClass.Permanent("the output path is outside the agent's log directory"),
        NotStartedCause.LimitUnenforceable => ErrorClass.Permanent("max_run_time is more than the agent can enforce"),
        NotStartedCause.OutputUnavailable => ErrorClass.Permanent("the output file cannot be opened", hostLevel: true),
        NotStartedCause.WorkingDirMissing => ErrorClass.Permanent("working_dir is missing on the agent", hostLevel: true),
        NotStartedCause.SpawnFailed => ErrorClass.Retryable("the shell could not be spawned", hostLevel: true),

        // No cause: the scheduler could not hand the run over (its task gone), or an agent older than the field.
        _ => ErrorClass.Retryable("the run could not be handed to a process"),
    };
}
