using EasyTask.Agent.Execution.Launch;
using EasyTask.Agent.Hosting;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Runs one claimed attempt to its end and returns its result. Everything that can stop a run from starting
/// (owner, output paths, working directory) is checked first and ends it FAILED with a detail, never an exception.
/// </summary>
internal sealed partial class RunExecutor(AgentOptions options, IRunEventSink sink, RunJournal journal, TimeProvider time, ILogger log)
{
    // After the shell exits, how long a background process it left behind may keep the pipes open before the agent stops reading.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly OwnerPolicy owners = OwnerPolicy.ForCurrentProcess(options);
    private readonly OutputPaths paths = new(options.LogDirectory);
    private readonly ProcessTree tree = new(time);

    public async Task<RunFinished> ExecuteAsync(ActiveRun run, CancellationToken agentStopping)
    {
        var task = run.Task;
        var owner = owners.Decide(task.TaskOwner);
        if (owner.Refusal is not null)
        {
            return NotStarted(run, NotStartedCause.OwnerNotAllowed, owner.Refusal);
        }

        var (stdout, stderr, refusal) = paths.Resolve(task);
        if (refusal is not null)
        {
            return NotStarted(run, NotStartedCause.OutputPathRefused, refusal);
        }

        var workingDirectory = string.IsNullOrWhiteSpace(task.WorkingDir) ? options.EffectiveWorkingDirectory : task.WorkingDir;
        if (!Directory.Exists(workingDirectory))
        {
            return NotStarted(run, NotStartedCause.WorkingDirMissing, $"working_dir \"{workingDirectory}\" does not exist on agent {options.Name} (or is not a directory)");
        }

        if (run.StopRequested.IsCancellationRequested || agentStopping.IsCancellationRequested)
        {
            return StoppedBeforeStart(run, time.GetUtcNow());
        }

        var start = ShellCommand.Create(task, workingDirectory, owner.RunAs);
        AgentLog.CommandPrepared(log, task.RunId, task.Task, Contracts.Messages.HostNames.Describe(options.Name, task.Host), owner.Owner, workingDirectory);
        AgentLog.CommandLine(log, task.RunId, task.Task, ShellCommand.Describe(start));
        return await RunProcessAsync(run, start, stdout, stderr, agentStopping);
    }

    /// <summary>The result of a run stopped (cancelled, or the agent stopping) before its process started.</summary>
    public RunFinished StoppedBeforeStart(ActiveRun run, DateTimeOffset at)
    {
        var reason = run.StopReason ?? RunReason.AgentLost;
        var status = reason == RunReason.AgentLost ? RunStatus.Failed : RunStatus.Terminated;
        var detail = $"{run.StopDetail ?? "the agent stopped"} before the process started; it never ran";
        return RunOutcome.NotStarted(run.Task, options.Name, status, reason, detail, at);
    }

    // Pre-start failures carry dispatch_failed: the run reached the agent but could not be handed to a process.
    // The cause says why in a form the scheduler decides on; the detail says it in words for people.
    private RunFinished NotStarted(ActiveRun run, string cause, string detail)
    {
        AgentLog.NotStarted(log, run.Task.RunId, run.Task.Task, Contracts.Messages.HostNames.Describe(options.Name, run.Task.Host), detail);
        return RunOutcome.NotStarted(run.Task, options.Name, RunStatus.Failed, RunReason.DispatchFailed, detail, time.GetUtcNow(), cause);
    }

    private static ProcessIdentity? IdentityOf(ChildProcess process) =>
        OperatingSystem.IsLinux() && process.LeadsGroup && ProcStat.Read(process.Id) is { } stat
            ? new ProcessIdentity(process.Id, stat.StartTicks, ProcStat.BootId())
            : null;

    private async Task SendStartedAsync(RunStarted started)
    {
        try
        {
            await sink.StartedAsync(started, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not fatal: RunFinished carries the start time too.
            AgentLog.EventLost(log, nameof(RunStarted), started.RunId, options.Name, ex.Message);
        }
    }
}
