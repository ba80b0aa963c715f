using EasyTask.Agent.Execution;
using Microsoft.Extensions.Options;

namespace EasyTask.Agent.Hosting;

/// <summary>Refuses settings the agent cannot work with, naming the setting, before any run is accepted.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add("Name: the agent needs a name (--name, EASYTASK_AGENT_NAME or the host name)");
        }

        CheckDirectories(options, errors);
        if (options.MaxConcurrentRuns is < 1 or > 1000)
        {
            errors.Add($"MaxConcurrentRuns: must be from 1 to 1000, got {options.MaxConcurrentRuns}");
        }

        if (options.AllowedOwners.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("AllowedOwners: entries must be OS user names (or * for any user), not blank");
        }

        Check(options.KillGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1), "KillGracePeriod", errors);
        Check(options.CommandQueueGrace, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), "CommandQueueGrace", errors);
        Check(options.OutputBatchInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), "OutputBatchInterval", errors);
        Check(options.ReportFoldWindow, TimeSpan.Zero, TimeSpan.FromSeconds(5), "ReportFoldWindow", errors);
        Check(options.ResultRetryInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), "ResultRetryInterval", errors);
        Check(options.DeliveredRetention, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365), "DeliveredRetention", errors);
        if (options.OutputBatchMaxBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"OutputBatchMaxBytes: must be from 1024 to 16777216, got {options.OutputBatchMaxBytes}");
        }

        if (options.MaxOutputBytes < 1024)
        {
            errors.Add($"MaxOutputBytes: must be at least 1024, got {options.MaxOutputBytes}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckDirectories(AgentOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.LogDirectory))
        {
            errors.Add("LogDirectory: must be a directory path (EASYTASK_AGENT_LOGS)");
            return;
        }

        var logs = Path.GetFullPath(options.LogDirectory);
        var journal = Path.GetFullPath(options.EffectiveJournalDirectory);

        // Tasks choose file names under the log directory: a journal inside it could be overwritten by a task's output.
        if (OutputPaths.IsSameOrInside(journal, logs) || OutputPaths.IsSameOrInside(logs, journal))
        {
            errors.Add($"JournalDirectory: \"{journal}\" must be outside the log directory \"{logs}\" and not contain it (tasks write anywhere under the log directory)");
        }
    }

    private static void Check(TimeSpan value, TimeSpan min, TimeSpan max, string field, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{field}: must be from {min} to {max}, got {value}");
        }
    }
}
