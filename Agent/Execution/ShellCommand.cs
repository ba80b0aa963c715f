using System.Diagnostics;
using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Turns a RunTask into the process to start: <c>[runuser -u OWNER --] /bin/sh -c CMD</c> on Unix,
/// <c>cmd.exe /c CMD</c> on Windows, with the agent's environment, the task's <c>env</c> and the run's variables.
/// The <see cref="Launch.ProcessLauncher"/> starts it in a session of its own and takes care of its standard streams.
/// </summary>
internal static class ShellCommand
{
    public const string RunIdVariable = "EASYTASK_RUN_ID";
    public const string TaskVariable = "EASYTASK_TASK";
    public const string AttemptVariable = "EASYTASK_ATTEMPT";

    private static readonly string? Runuser = FirstExisting("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser");

    public static ProcessStartInfo Create(RunTask task, string workingDirectory, string? runAs)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            CreateNoWindow = true,
        };

        if (OperatingSystem.IsWindows())
        {
            start.FileName = Environment.GetEnvironmentVariable("ComSpec") ?? "cmd.exe";

            // cmd.exe parses its own command line: ArgumentList quoting would change what the task author wrote.
            start.Arguments = "/c " + task.Cmd;
        }
        else
        {
            var words = new List<string>();
            if (runAs is not null)
            {
                // Nothing of the task may act while still root (LD_PRELOAD on runuser would): runuser starts from a
                // clean environment, and env(1), already running as the owner, sets the task's variables.
                words.AddRange([Runuser ?? "runuser", "-u", runAs, "--", Env, "-i"]);
                words.AddRange(TaskVariables(task).Select(v => $"{v.Key}={v.Value}"));
            }

            words.AddRange(["/bin/sh", "-c", task.Cmd]);
            start.FileName = words[0];
            foreach (var word in words.Skip(1))
            {
                start.ArgumentList.Add(word);
            }
        }

        if (runAs is not null && !OperatingSystem.IsWindows())
        {
            start.Environment.Clear();
            start.Environment["PATH"] = SafePath;
            return start;
        }

        SetEnvironment(start.Environment, task);
        return start;
    }

    /// <summary>The command line as logged: what runs, without the environment.</summary>
    public static string Describe(ProcessStartInfo start) =>
        OperatingSystem.IsWindows() ? $"{start.FileName} {start.Arguments}" : string.Join(' ', [start.FileName, .. start.ArgumentList]);

    private const string SafePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly string Env = FirstExisting("/usr/bin/env", "/bin/env") ?? "env";

    /// <summary>What a task run as another user starts with: a plain PATH, the task's env and the run's variables; nothing of the agent's.</summary>
    private static Dictionary<string, string> TaskVariables(RunTask task)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = SafePath };
        foreach (var (name, value) in task.Env ?? new Dictionary<string, string>())
        {
            if (!IsReserved(name))
            {
                variables[name] = value;
            }
        }

        variables[RunIdVariable] = task.RunId;
        variables[TaskVariable] = task.Task;
        variables[AttemptVariable] = task.Attempt.ToString(CultureInfo.InvariantCulture);
        return variables;
    }

    private static void SetEnvironment(IDictionary<string, string?> environment, RunTask task)
    {
        // The agent's own EASYTASK_* settings (the broker URL may carry a password) are not the task's business.
        foreach (var inherited in environment.Keys.Where(IsReserved).ToList())
        {
            environment.Remove(inherited);
        }

        foreach (var (name, value) in task.Env ?? new Dictionary<string, string>())
        {
            if (!IsReserved(name))
            {
                environment[name] = value;
            }
        }

        environment[RunIdVariable] = task.RunId;
        environment[TaskVariable] = task.Task;
        environment[AttemptVariable] = task.Attempt.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsReserved(string name) =>
        name.StartsWith(TaskDefinitionValidator.ReservedEnvironmentPrefix, StringComparison.OrdinalIgnoreCase);

    internal static string? FirstExisting(params string[] candidates) => candidates.FirstOrDefault(File.Exists);
}
