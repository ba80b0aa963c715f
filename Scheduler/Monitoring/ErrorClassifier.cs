using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;

namespace EasyTask.Scheduler.Monitoring;

/// <summary>
/// Decides whether a failed attempt is worth retrying. The agent reports pre-start failures as
/// <c>dispatch_failed</c> with a detail in words; the words it uses for each cause are matched here.
/// Host-level failures (the agent lost, the shell not starting) feed the host's circuit breaker.
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

        var detail = result.Detail ?? "";
        switch (result.Reason)
        {
            case RunReason.Killed:
                return ErrorClass.Permanent("killed by an operator");
            case RunReason.TimedOut:
                return ErrorClass.Retryable("max_run_time exceeded");
            case RunReason.AgentLost:
                return ErrorClass.Retryable("the agent was lost", hostLevel: true);
            case RunReason.DispatchFailed:
                return ClassifyNotStarted(detail);
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

    private static ErrorClass ClassifyNotStarted(string detail)
    {
        if (detail.Contains("is not allowed", StringComparison.OrdinalIgnoreCase) || detail.Contains("refuses", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorClass.Permanent("task_owner is not allowed on the agent");
        }

        if (detail.Contains("working_dir", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorClass.Permanent("working_dir is missing on the agent");
        }

        if (detail.Contains("output files cannot be opened", StringComparison.OrdinalIgnoreCase) || detail.Contains("log directory", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorClass.Permanent("the output file cannot be opened");
        }

        if (detail.Contains("could not be started", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorClass.Retryable("the shell could not be spawned", hostLevel: true);
        }

        return ErrorClass.Retryable("the run could not be handed to a process");
    }
}
