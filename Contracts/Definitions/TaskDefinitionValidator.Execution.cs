using System.Text.RegularExpressions;

namespace EasyTask.Contracts.Definitions;

public static partial class TaskDefinitionValidator
{
    /// <summary>Environment names the agent sets itself for every run.</summary>
    public const string ReservedEnvironmentPrefix = "EASYTASK_";

    private static void CheckExecution(TaskDefinition d, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(d.Cmd))
        {
            errors.Add(new("cmd", "is required: the shell command line to run"));
        }
        else
        {
            CheckText(d.Cmd, "cmd", FieldLimits.Cmd, errors);
        }

        CheckRange(d.MaxRunTime, "max_run_time", 0, MaxRunTimeSeconds, $"seconds from 0 (no limit) to {MaxRunTimeSeconds} (30 days, the longest run time the agent enforces)", errors);
        CheckRange(d.RetryAttempts, "retry_attempts", 0, 100, "a whole number from 0 to 100", errors);
        CheckRange(d.RetryDelay, "retry_delay", 0, 86_400, "seconds from 0 to 86400", errors);
        CheckRange(d.Priority, "priority", 0, 100, "a whole number from 0 to 100", errors);
        CheckOutputFile(d.Stdout, "stdout", errors);
        CheckOutputFile(d.Stderr, "stderr", errors);
        CheckEnvironment(d.Env, errors);
        if (d.WorkingDir is not null && (d.WorkingDir.Trim().Length == 0 || d.WorkingDir.Contains('\0', StringComparison.Ordinal)))
        {
            errors.Add(new("working_dir", "must be a directory path on the agent (not blank)"));
        }
        else
        {
            CheckText(d.WorkingDir, "working_dir", FieldLimits.WorkingDir, errors);
        }

        if (!ConcurrencyPolicy.All.Contains(d.Concurrency))
        {
            errors.Add(new("concurrency", $"must be one of {string.Join(", ", ConcurrencyPolicy.All)}, got \"{d.Concurrency}\""));
        }
    }

    private static void CheckRange(int value, string field, int min, int max, string allowed, List<FieldError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(new(field, $"must be {allowed}, got {value}"));
        }
    }

    /// <summary>Output files live under the agent's log directory: a relative path that cannot climb out of it.</summary>
    private static void CheckOutputFile(string? path, string field, List<FieldError> errors)
    {
        if (path is null)
        {
            return;
        }

        var problem = OutputFileProblem(path);
        if (problem is not null)
        {
            errors.Add(new(field, $"{problem}; allowed: a file name or relative path inside the agent's log directory, got \"{path}\""));
        }
    }

    private static string? OutputFileProblem(string path)
    {
        if (path.Trim().Length == 0)
        {
            return "must not be blank";
        }

        // Checked by hand rather than with Path.IsPathRooted so the same rules hold whatever OS validates the file.
        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':'))
        {
            return "must be relative, not an absolute path";
        }

        var segments = path.Split('/', '\\');
        if (segments.Any(s => s == ".."))
        {
            return "must not contain '..' (it would escape the log directory)";
        }

        if (segments.Any(s => s.Length == 0) || path.EndsWith('.'))
        {
            return "must name a file (no empty path segments, no trailing separator)";
        }

        if (path.Length > FieldLimits.OutputFile || path.Any(c => c < ' ' || "<>:\"|?*".Contains(c, StringComparison.Ordinal)))
        {
            return $"must be at most {FieldLimits.OutputFile} characters without control characters or < > : \" | ? *";
        }

        return null;
    }

    private static void CheckEnvironment(IReadOnlyDictionary<string, string>? environment, List<FieldError> errors)
    {
        if (environment?.Count > FieldLimits.EnvEntries)
        {
            errors.Add(new("env", $"must set at most {FieldLimits.EnvEntries} variables, got {environment.Count}"));
            return;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (name.Length > FieldLimits.EnvName || !EnvironmentNamePattern().IsMatch(name))
            {
                errors.Add(new($"env.{(name.Length > 64 ? name[..64] + "..." : name)}", $"is not a valid variable name: letters, digits and '_', not starting with a digit, at most {FieldLimits.EnvName} characters"));
                continue;
            }

            CheckText(value, $"env.{name}", FieldLimits.EnvValue, errors);
            if (name.StartsWith(ReservedEnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new($"env.{name}", $"names starting with {ReservedEnvironmentPrefix} are reserved: the agent sets them for every run"));
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex EnvironmentNamePattern();
}
