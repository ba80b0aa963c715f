using System.ComponentModel;
using System.Diagnostics;
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
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return NotStarted(run, NotStartedCause.SpawnFailed, $"the shell could not be started ({start.FileName}): {ex.Message}");
        }

        // Process.Dispose leaves the redirected pipes to the finalizer once they were handed out; closing them here,
        // after the pumps are done, spares the finalizer thread three pipes (each a socket on Unix) per run.
        await using var stdoutPipe = process.StandardOutput.BaseStream;
        await using var stderrPipe = process.StandardError.BaseStream;

        // The clock and the pipes start with the process; nothing below may make the child wait on a full pipe.
        var startedAt = time.GetUtcNow();
        var stdoutBudget = new OutputBudget("stdout", options.MaxOutputBytes);
        var stderrBudget = new OutputBudget("stderr", options.MaxOutputBytes);
        await using var live = new LiveOutput(sink, task, options.OutputBatchMaxBytes, options.OutputBatchInterval, time, log);
        using var abandon = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            StreamPump.PumpAsync(stdoutPipe, stdout, live.Stdout, stdoutBudget, abandon.Token),
            StreamPump.PumpAsync(stderrPipe, stderr, live.Stderr, stderrBudget, abandon.Token));
        CloseInput(process);

        var killed = false;
        try
        {
            var started = new RunStarted
            {
                RunId = task.RunId, Attempt = task.Attempt, Host = options.Name, ProcessId = process.Id,
                StdoutPath = stdoutPath, StderrPath = stderrPath, At = startedAt,
            };
            await run.UpdateAsync(journal, e => e with { State = JournalState.Running, Started = started, Process = IdentityOf(process.Id), UpdatedAt = startedAt }, durable: false);
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
                await tree.KillAsync(process, ShellCommand.OwnGroup, options.KillGracePeriod);
            }
        }
        finally
        {
            // Whatever went wrong above, no process of this run outlives it unnoticed.
            if (!process.HasExited)
            {
                await tree.KillAsync(process, ShellCommand.OwnGroup, TimeSpan.Zero);
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

    private static void CloseInput(Process process)
    {
        var input = process.StandardInput;
        var pipe = input.BaseStream;
        try
        {
            // The child reads end-of-file rather than the agent's own stdin.
            input.Close();
        }
        catch (IOException)
        {
            // It already exited. The pipe is closed here all the same, not left to the finalizer.
            pipe.Dispose();
        }
    }
}
