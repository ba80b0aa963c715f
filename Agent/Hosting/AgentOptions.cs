using EasyTask.Agent.Execution.Launch;

namespace EasyTask.Agent.Hosting;

/// <summary>
/// Settings of the agent daemon (configuration section <c>EasyTask:Agent</c>; the <c>EASYTASK_AGENT_*</c>
/// variables are shortcuts for the common ones). Validated at start-up by <see cref="AgentOptionsValidator"/>.
/// </summary>
internal sealed class AgentOptions
{
    public const string Section = "EasyTask:Agent";

    /// <summary>The name tasks' <c>run_on_host</c> uses. Default: <c>--name</c>, <c>EASYTASK_AGENT_NAME</c>, else the host name (see <see cref="AgentName"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// Root of the captured stdout/stderr files (env <c>EASYTASK_AGENT_LOGS</c>). Default: under systemd, the unit's
    /// <c>LogsDirectory</c> (<c>/var/log/easytask-agent</c>); otherwise <c>easytask/agent/logs</c> under the user's local data folder (<c>~/.local/share</c> on Linux,
    /// <c>%LOCALAPPDATA%</c> on Windows): a daemon's working directory is often <c>/</c>, so a relative default would be a trap.
    /// </summary>
    public string LogDirectory { get; set; } = DefaultLogDirectory();

    /// <summary>
    /// Where accepted runs and undelivered results are journaled (env <c>EASYTASK_AGENT_JOURNAL</c>). Default: under
    /// systemd, <c>journal</c> in the unit's <c>StateDirectory</c> (<c>/var/lib/easytask-agent/journal</c>); otherwise
    /// beside the log directory, <c>&lt;LogDirectory&gt;-journal</c>.
    /// </summary>
    public string? JournalDirectory { get; set; }

    /// <summary>
    /// Working directory of tasks without <c>working_dir</c>. Default: the agent user's home directory when it exists,
    /// else the agent's own working directory (a system user's home often does not exist: systemd's <c>WorkingDirectory</c> does).
    /// </summary>
    public string? DefaultWorkingDirectory { get; set; }

    /// <summary>Runs executing at once; further accepted runs wait in arrival order. Default 4.</summary>
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>
    /// OS users tasks may run as (<c>task_owner</c>; env <c>EASYTASK_AGENT_ALLOWED_OWNERS</c>, comma-separated).
    /// Empty (the default) means only the agent's own user. <c>*</c> allows any user and must be configured explicitly.
    /// </summary>
    public List<string> AllowedOwners { get; set; } = [];

    /// <summary>
    /// How long the agent's command queue may stay unconsumed while the broker is reachable before the agent restarts
    /// its bus connection (see <c>CommandQueueWatch</c>). MassTransit reconnects by itself 3 s to 30 s apart, so this
    /// stays well above that. Default 60 s.
    /// </summary>
    public TimeSpan CommandQueueGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest a run sent ahead of its scheduled instant (<c>RunTask.StartAt</c>) is held before its process starts,
    /// whatever the instant says: the scheduler sends at most its <c>DispatchLead</c> ahead, so a longer wait means the
    /// two clocks disagree, and the run then starts rather than waits on a wrong clock. Default 1 s.
    /// </summary>
    public TimeSpan MaxStartHold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a run's acceptance and start reports are held, for schedulers that read folded reports
    /// (<c>RunTask.FoldReports</c>): if the process starts (or ends) meanwhile, the report goes out inside the next one,
    /// so a short run costs the broker two messages instead of four. A report is never held past this, nor past the
    /// run's first live output. The cost is that STARTED and RUNNING may show this much later. Zero sends each report at
    /// once. Default 250 ms (the live output interval).
    /// </summary>
    public TimeSpan ReportFoldWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How a run's shell is started. <c>PosixSpawn</c> (the default; Linux only, elsewhere it means
    /// <c>DotnetProcess</c>) makes the shell its own session leader in the spawn itself. <c>DotnetProcess</c> starts it
    /// with .NET's Process through setsid(1), one more exec per run: on 2 cores about 40 % more CPU per start.
    /// Both give the task the same streams, environment, signals and process group, so timeouts kill the same tree.
    /// </summary>
    public SpawnMethod SpawnMethod { get; set; } = SpawnMethod.PosixSpawn;

    /// <summary>Between SIGTERM and SIGKILL when a process tree is killed. Default 5 s.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often live output is sent to the scheduler. Default 250 ms.</summary>
    public TimeSpan OutputBatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most bytes per stream held for one live batch; beyond it live output is dropped (the files keep everything). Default 64 KiB.</summary>
    public int OutputBatchMaxBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Most bytes kept of each stream (stdout, stderr) of one run, in its file and its live output. Past it the file
    /// gets a marker line, the rest is read and discarded (the task goes on, never blocked on a full pipe), and the
    /// run's detail says the output was cut. Default 1 GiB.
    /// </summary>
    public long MaxOutputBytes { get; set; } = 1L << 30;

    /// <summary>How often undelivered results are sent again while the scheduler or broker is unreachable. Default 10 s.</summary>
    public TimeSpan ResultRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a result stays journaled after its delivery, so a late redelivered RunTask is answered with it
    /// instead of running again. Counted from delivery, not from the run, so an outage does not eat into it; the
    /// scheduler stops re-sending once it has the result. Default 6 h.
    /// </summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The journal directory actually used: the configured one, else the default beside the logs.</summary>
    public string EffectiveJournalDirectory =>
        string.IsNullOrWhiteSpace(JournalDirectory) ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(LogDirectory)) + "-journal" : JournalDirectory;

    /// <summary>The working directory of tasks without <c>working_dir</c>.</summary>
    public string EffectiveWorkingDirectory =>
        !string.IsNullOrWhiteSpace(DefaultWorkingDirectory) ? DefaultWorkingDirectory
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home && Directory.Exists(home) ? home
        : Environment.CurrentDirectory;

    private static string DefaultLogDirectory()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);

        // No home directory at all (some service accounts): fall back to the working directory rather than fail.
        return Path.Combine(string.IsNullOrEmpty(data) ? Environment.CurrentDirectory : data, "easytask", "agent", "logs");
    }
}
