using System.Net.Http.Json;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Tests.EndToEnd;

/// <summary>Scheduler and agent over a real RabbitMQ broker: what an operator sees happen to real commands.</summary>
[Category("Integration")]
[NonParallelizable]
internal sealed class RabbitMqEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private EndToEndFixture e2e = null!;

    [SetUp]
    public async Task Start() => e2e = await EndToEndFixture.StartAsync();

    [TearDown]
    public async Task Stop() => await e2e.DisposeAsync();

    [Test]
    public async Task ScheduledRun_SucceedsOnTheAgent_WithOutputFilesAndFullTimeline_OverRabbitMq()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        await e2e.InsertAsync(e2e.Definition(401, "e2e_hello", "echo hello out; echo hello err >&2", ",\"stdout\": \"e2e/hello.out\", \"stderr\": \"e2e/hello.err\""));

        var run = await e2e.WaitForRunAsync("e2e_hello", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", Patience);

        Assert.That((run.Status, run.Reason, run.ReturnCode), Is.EqualTo(("SUCCESS", (string?)RunReason.ExitCode, (int?)0)));
        Assert.That(EndToEndFixture.Statuses(run), Is.EqualTo(new[] { "ACTIVE", "TRIGGER", "STARTED", "RUNNING", "SUCCESS" }));
        Assert.That(run.DurationMs, Is.Not.Null);
        Assert.That(File.ReadAllText(Path.Combine(agent.LogDirectory, "e2e", "hello.out")), Is.EqualTo("hello out\n"));
        Assert.That(File.ReadAllText(Path.Combine(agent.LogDirectory, "e2e", "hello.err")), Is.EqualTo("hello err\n"));
        var logs = await e2e.Scheduler.Http.GetStringAsync($"api/v1/runs/{run.RunId}/logs");
        Assert.That(logs, Does.Contain("hello out"));
    }

    [Test]
    public async Task Timeout_KillsTheWholeProcessTree_AndEndsTerminatedTimedOut_OverRabbitMq()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        var pidFile = Path.Combine(e2e.Folder.FullName, "grandchild.pid");
        await e2e.InsertAsync(e2e.Definition(402, "e2e_slow", $"sh -c 'sleep 300 & echo $! > {pidFile}; wait'", ",\"max_run_time\": 2"));

        var run = await e2e.WaitForRunAsync("e2e_slow", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", Patience);

        Assert.That((run.Status, run.Reason), Is.EqualTo(("TERMINATED", (string?)RunReason.TimedOut)));
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Directory.Exists($"/proc/{grandchild}") && !File.ReadAllText($"/proc/{grandchild}/stat").Contains(") Z ", StringComparison.Ordinal), Is.False, "the grandchild sleep is gone");
    }

    [Test]
    public async Task Kill_TerminatesARunningTree_AndRecordsKilled_OverRabbitMq()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        await e2e.InsertAsync(e2e.Definition(407, "e2e_kill", "sleep 300", ",\"retry_attempts\": 3"));
        var running = await e2e.WaitForRunAsync("e2e_kill", r => r.Status is "RUNNING", Patience);

        using var kill = await e2e.Scheduler.Http.PostAsync($"api/v1/runs/{running.RunId}/kill", null);
        var run = await e2e.WaitForRunAsync("e2e_kill", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", Patience);

        Assert.That(kill.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Accepted));
        Assert.That((run.Status, run.Reason, run.Attempt), Is.EqualTo(("TERMINATED", (string?)RunReason.Killed, 1)), "a killed run is not retried");
    }

    [Test]
    public async Task FailedAttempt_IsRetried_ThenSucceeds_OverRabbitMq()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        var marker = Path.Combine(e2e.Folder.FullName, "tried-once");
        await e2e.InsertAsync(e2e.Definition(403, "e2e_flaky", $"test -f {marker} || {{ touch {marker}; exit 3; }}", ",\"retry_attempts\": 2, \"retry_delay\": 1"));

        var run = await e2e.WaitForRunAsync("e2e_flaky", r => r.Status is "SUCCESS" || (r.Status is "FAILED" && r.Attempt > 2), Patience);

        Assert.That((run.Status, run.Attempt), Is.EqualTo(("SUCCESS", 2)));
        Assert.That(EndToEndFixture.Statuses(run), Is.EqualTo(new[] { "ACTIVE", "TRIGGER", "STARTED", "RUNNING", "ACTIVE", "TRIGGER", "STARTED", "RUNNING", "SUCCESS" }));
        Assert.That(run.Events!.Single(e => e.From == "RUNNING" && e.To == "ACTIVE").Detail, Does.Contain("attempt 1 ended FAILED (exit_code, return code 3)"));
    }

    [Test]
    public async Task RedeliveredRunTask_NeverStartsASecondProcess_OverRabbitMq()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        var ledger = Path.Combine(e2e.Folder.FullName, "ran.txt");
        await e2e.InsertAsync(e2e.Definition(404, "e2e_once", $"echo ran >> {ledger}; sleep 2"));
        var running = await e2e.WaitForRunAsync("e2e_once", r => r.Status is "RUNNING", Patience);

        // The scheduler's re-send, as after a lost acknowledgement: the very same RunTask again.
        var dispatcher = e2e.Scheduler.Services.GetService(typeof(Scheduler.Runs.IRunDispatcher)) as Scheduler.Runs.IRunDispatcher;
        var record = await ((Scheduler.Storage.IRunStore)e2e.Scheduler.Services.GetService(typeof(Scheduler.Storage.IRunStore))!).FindAsync(running.RunId, default);
        var registry = (Scheduler.Scheduling.TaskRegistry)e2e.Scheduler.Services.GetService(typeof(Scheduler.Scheduling.TaskRegistry))!;
        await dispatcher!.DispatchAsync(record!, registry.Find("e2e_once")!.Definition, default);
        var done = await e2e.WaitForRunAsync("e2e_once", r => r.Status is "SUCCESS" or "FAILED", Patience);
        await Task.Delay(1000);

        Assert.That(done.Status, Is.EqualTo("SUCCESS"));
        Assert.That(File.ReadAllLines(ledger), Has.Length.EqualTo(1), "the command ran once");
    }

    [Test]
    public async Task CrashedAgent_LeavesNoRunRunning_RunEndsFailedAgentLost_OverRabbitMq()
    {
        var pidFile = Path.Combine(e2e.Folder.FullName, "task.pid");
        using var agent = AgentProcess.Start(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        await e2e.InsertAsync(e2e.Definition(405, "e2e_orphan", $"echo $$ > {pidFile}; sleep 120", inSeconds: 8));
        await e2e.WaitForRunAsync("e2e_orphan", r => r.Status is "RUNNING", Patience);

        agent.Crash();
        var run = await e2e.WaitForRunAsync("e2e_orphan", r => r.Status is not ("RUNNING" or "STARTED" or "TRIGGER" or "ACTIVE"), Patience);

        Assert.That((run.Status, run.Reason), Is.EqualTo(("FAILED", (string?)RunReason.AgentLost)));
        KillLeftover(pidFile);
    }

    [Test]
    public async Task BrokerRestartMidRun_LosesNoResult_OverRabbitMq()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        await e2e.InsertAsync(e2e.Definition(406, "e2e_blink", "sleep 4; echo survived", ",\"retry_attempts\": 0"));
        await e2e.WaitForRunAsync("e2e_blink", r => r.Status is "RUNNING", Patience);

        await e2e.Broker.StopBrokerAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        await e2e.Broker.StartBrokerAsync();
        var run = await e2e.WaitForRunAsync("e2e_blink", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", TimeSpan.FromSeconds(90));

        Assert.That((run.Status, run.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), "the result journaled during the outage arrives");
    }

    private static void KillLeftover(string pidFile)
    {
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
