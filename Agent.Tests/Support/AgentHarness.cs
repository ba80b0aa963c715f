using EasyTask.Agent.Execution;
using EasyTask.Agent.Hosting;
using EasyTask.Contracts.Messages;
using Microsoft.Extensions.Logging;

namespace EasyTask.Agent.Tests.Support;

/// <summary>A real execution core on throwaway directories, with a recording sink in place of the transport.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public const string Host = "test-agent";

    private AgentHarness(Action<AgentOptions>? configure, TimeProvider? time)
    {
        Root = Path.Combine(Path.GetTempPath(), "easytask-agent-tests", Guid.NewGuid().ToString("N"));
        WorkDirectory = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        Options = new AgentOptions
        {
            Name = Host,
            LogDirectory = Path.Combine(Root, "logs"),
            JournalDirectory = Path.Combine(Root, "journal"),
            DefaultWorkingDirectory = WorkDirectory,
            KillGracePeriod = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(Options);
        Time = time ?? TimeProvider.System;
        Supervisor = Create(Sink);
    }

    public string Root { get; }

    public string WorkDirectory { get; }

    public AgentOptions Options { get; }

    public TimeProvider Time { get; }

    public RecordingSink Sink { get; private set; } = new();

    public RunSupervisor Supervisor { get; private set; }

    /// <summary>The agent's log lines.</summary>
    public CapturingLoggerProvider Log { get; } = new();

    /// <param name="configure">Changes to the test defaults.</param>
    /// <param name="time">The clock; the real one unless a test needs to move time itself.</param>
    /// <param name="beforeStart">Runs before the supervisor starts, e.g. to leave a journal as a dead agent would.</param>
    public static async Task<AgentHarness> StartAsync(Action<AgentOptions>? configure = null, TimeProvider? time = null, Action<AgentHarness>? beforeStart = null)
    {
        var harness = new AgentHarness(configure, time);
        beforeStart?.Invoke(harness);
        await harness.Supervisor.StartAsync(CancellationToken.None);
        return harness;
    }

    public string LogFile(string relative) => Path.Combine(Options.LogDirectory, relative);

    /// <summary>A RunTask for this agent with a fresh run id, running in the work directory.</summary>
    public RunTask Task(string command, string? runId = null) => new()
    {
        RunId = runId ?? "run-" + Guid.NewGuid().ToString("N")[..12],
        Attempt = 1,
        Task = "demo",
        Host = Host,
        Cmd = command,
        WorkingDir = WorkDirectory,
    };

    /// <summary>Accepts the task and waits for its result.</summary>
    public async Task<RunFinished> RunAsync(RunTask task)
    {
        await Supervisor.AcceptAsync(task, CancellationToken.None);
        return await Sink.FinishedAsync(task.RunId);
    }

    /// <summary>Stops this supervisor (as <c>stop</c> does) and starts a fresh one on the same directories with a new sink.</summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await Supervisor.DisposeAsync();
        whileStopped?.Invoke();
        Sink = new RecordingSink();
        Supervisor = Create(Sink);
        await Supervisor.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    private RunSupervisor Create(RecordingSink sink) =>
        new(Microsoft.Extensions.Options.Options.Create(Options), sink, Time, new LoggerFactory([Log]));
}
