using System.ComponentModel;
using System.Diagnostics;
using EasyTask.Agent.Execution.Launch;
using EasyTask.Agent.Journal;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Execution;

internal sealed partial class RunExecutor
{
    private async Task<RunFinished> RunProcessAsync(ActiveRun run, ProcessStartInfo start, string stdoutPath, string stderrPath, CancellationToken agentStopping)
    {
        var task = run.Task;
        OutputFile stdout, stderr;
        try
        {
            stdout = OutputFile.Open(stdoutPath);
            stderr = stdoutPath == stderrPath ? stdout : OutputFile.Open(stderrPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NotStarted(run, NotStartedCause.OutputUnavailable, $"the output files cannot be opened: {ex.Message}");
        }

        await using var closeStdout = stdout;
        await using var closeStderr = stderr == stdout ? null : stderr;

        // A run sent ahead of its scheduled instant starts at the instant: all that is left after the hold is the spawn.
        if (!await StartHold.WaitAsync(task.StartAt, options.MaxStartHold, time, run.StopRequested, agentStopping))
        {
            return StoppedBeforeStart(run, time.GetUtcNow());
        }

        // The kill timer is armed before the process exists: no process of a run ever runs without its limit.
        // A limit the timer cannot hold (validation caps max_run_time, but a RunTask may come from an older
        // scheduler) fails the run before anything starts, rather than leaving an unsupervised process behind.
        CancellationTokenSource? timeout;
        try
        {
            timeout = task.MaxRunTime > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(task.MaxRunTime), time) : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return NotStarted(run, NotStartedCause.LimitUnenforceable, $"max_run_time {task.MaxRunTime} s is more than this agent can enforce (at most {MaxEnforceableRunTime} s); nothing was started");
        }

        using var disposeTimeout = timeout;
        using var onTimeout = timeout?.Token.Register(() => run.RequestStop(RunReason.TimedOut, $"max_run_time {task.MaxRunTime} s exceeded; the process tree was killed"));
        ChildProcess process;
        try
        {
            process = ProcessLauncher.Start(start, options.SpawnMethod);
        }
        catch (Win32Exception ex)
        {
            return NotStarted(run, NotStartedCause.SpawnFailed, $"the shell could not be started ({start.FileName}): {ex.Message}");
        }

        // Disposed after the pumps are done with its pipes.
        await using var disposeProcess = process;

        // The clock and the pipes start with the process; nothing below may make the child wait on a full pipe.
        var startedAt = time.GetUtcNow();
        var stdoutBudget = new OutputBudget("stdout", options.MaxOutputBytes);
        var stderrBudget = new OutputBudget("stderr", options.MaxOutputBytes);
        await using var live = new LiveOutput(sink, task, options.OutputBatchMaxBytes, options.OutputBatchInterval, time, log);
        using var abandon = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            StreamPump.PumpAsync(process.Stdout, stdout, live.Stdout, stdoutBudget, abandon.Token),
            StreamPump.PumpAsync(process.Stderr, stderr, live.Stderr, stderrBudget, abandon.Token));

        var killed = false;
        try
        {
            var started = new RunStarted
            {
                RunId = task.RunId, Attempt = task.Attempt, Host = options.Name, ProcessId = process.Id,
                StdoutPath = stdoutPath, StderrPath = stderrPath, At = startedAt,
            };
            await run.UpdateAsync(journal, e => e with { State = JournalState.Running, Started = started, Process = IdentityOf(process), UpdatedAt = startedAt }, durable: false);
            AgentLog.ExecutionStart(log, task.RunId, task.Task, Contracts.Messages.HostNames.Describe(options.Name, task.Host), process.Id, stdoutPath, stderrPath);
            await SendStartedAsync(started);
            live.Start();
            using var onStopping = agentStopping.Register(() => run.RequestStop(RunReason.Shutdown, "the agent was stopped (planned shutdown) while the run was in flight; its process tree was terminated"));
            try
            {
                await process.WaitForExitAsync(run.StopRequested);
            }
            catch (OperationCanceledException)
            {
                killed = true;
                await tree.KillAsync(process, options.KillGracePeriod);
            }
        }
        finally
        {
            // Whatever went wrong above, no process of this run outlives it unnoticed.
            if (!process.HasExited)
            {
                await tree.KillAsync(process, TimeSpan.Zero);
            }

            await Task.WhenAny(pumps, Task.Delay(DrainTimeout, time, CancellationToken.None));
            await abandon.CancelAsync();
            await pumps;
        }

        return RunOutcome.Ended(task, options.Name, process.ExitCode, killed ? run.StopReason : null, run.StopDetail,
            startedAt, time.GetUtcNow(), Problems(stdout.Problem ?? stderr.Problem, stdoutBudget.Problem, stderrBudget.Problem));
    }

    // CancellationTokenSource's timer holds at most uint.MaxValue - 1 milliseconds (about 49.7 days).
    private static long MaxEnforceableRunTime => (uint.MaxValue - 1L) / 1000;

    private static string? Problems(params string?[] problems) =>
        problems.Any(p => p is not null) ? string.Join("; ", problems.Where(p => p is not null)) : null;
}
