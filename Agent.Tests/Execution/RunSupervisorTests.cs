using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class RunSupervisorTests
{
    private AgentHarness agent = null!;

    [SetUp]
    public async Task StartAgent() => agent = await AgentHarness.StartAsync();

    [TearDown]
    public async Task StopAgent() => await agent.DisposeAsync();

    [Test]
    public async Task AcceptAsync_ReportsSuccessAndFillsBothFiles_WhenCommandExitsZero()
    {
        var task = agent.Task("echo to-out; echo to-err >&2");

        var finished = await agent.RunAsync(task);

        Assert.That((finished.Status, finished.Reason, finished.ReturnCode), Is.EqualTo(("SUCCESS", RunReason.ExitCode, (int?)0)));
        var started = agent.Sink.Of<RunStarted>(task.RunId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(started.StdoutPath, Is.EqualTo(agent.LogFile($"demo/{task.RunId}.1.out")));
            Assert.That(File.ReadAllText(started.StdoutPath!), Is.EqualTo("to-out\n"));
            Assert.That(File.ReadAllText(started.StderrPath!), Is.EqualTo("to-err\n"));
            Assert.That(finished.StartedAt, Is.EqualTo(started.At));
            Assert.That(finished.FinishedAt, Is.GreaterThanOrEqualTo(started.At));
        });
    }

    [Test]
    public async Task AcceptAsync_SendsAcceptedStartedFinishedInOrder_WhenRunCompletes()
    {
        var task = agent.Task("true");

        await agent.RunAsync(task);

        var kinds = agent.Sink.Events.Where(e => e is not RunOutput).Select(e => e.GetType().Name);
        Assert.That(kinds, Is.EqualTo(new[] { nameof(RunAccepted), nameof(RunStarted), nameof(RunFinished) }));
    }

    [Test]
    public async Task AcceptAsync_LogsEachMilestoneWithRunTaskAndHost_WhenRunCompletes()
    {
        var task = agent.Task("exit 4");

        await agent.RunAsync(task);

        var lines = agent.Log.Lines.Where(l => l.Contains(task.RunId, StringComparison.Ordinal)).ToList();
        foreach (var milestone in new[] { "Task Received", "Command Prepared", "Execution Start", "Execution End", "Return Code" })
        {
            Assert.That(lines, Has.One.StartsWith(milestone + ": run " + task.RunId).And.Contains("task demo").And.Contains("host test-agent"), milestone);
        }

        Assert.That(lines, Has.One.StartsWith("Return Code").And.EndsWith("return code 4"));
    }

    [Test]
    public async Task AcceptAsync_ReportsFailedWithReturnCode_WhenCommandExitsNonZero()
    {
        var finished = await agent.RunAsync(agent.Task("echo partial; exit 3"));

        Assert.That((finished.Status, finished.Reason, finished.ReturnCode), Is.EqualTo(("FAILED", RunReason.ExitCode, (int?)3)));
    }

    [Test]
    public async Task AcceptAsync_Reports128PlusSignal_WhenCommandIsKilledBySignal()
    {
        var finished = await agent.RunAsync(agent.Task("kill -KILL $$"));

        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("FAILED", (int?)137)));
        Assert.That(finished.Detail, Does.Contain("signal 9"));
    }

    [Test]
    public async Task AcceptAsync_PassesTaskEnvironmentAndRunVariables_WhenCommandReadsThem()
    {
        var task = agent.Task("""echo "$GREETING|$EASYTASK_RUN_ID|$EASYTASK_TASK|$EASYTASK_ATTEMPT|${EASYTASK_AGENT_SECRET_FOR_TEST:-not inherited}" """) with
        {
            Env = new Dictionary<string, string> { ["GREETING"] = "hello world" },
            Attempt = 2,
        };
        Environment.SetEnvironmentVariable("EASYTASK_AGENT_SECRET_FOR_TEST", "amqp://user:password@broker");
        try
        {
            await agent.RunAsync(task);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EASYTASK_AGENT_SECRET_FOR_TEST", null);
        }

        Assert.That(File.ReadAllText(agent.LogFile($"demo/{task.RunId}.2.out")), Is.EqualTo($"hello world|{task.RunId}|demo|2|not inherited\n"));
    }

    [Test]
    public async Task AcceptAsync_RunsInWorkingDir_WhenTaskNamesOne()
    {
        var directory = Directory.CreateDirectory(Path.Combine(agent.Root, "elsewhere")).FullName;
        var task = agent.Task("pwd") with { WorkingDir = directory };

        await agent.RunAsync(task);

        Assert.That(File.ReadAllText(agent.LogFile($"demo/{task.RunId}.1.out")).Trim(), Is.EqualTo(directory));
    }

    [Test]
    public async Task AcceptAsync_FailsWithClearDetailAndStartsNothing_WhenWorkingDirIsMissing()
    {
        var missing = Path.Combine(agent.Root, "no-such-dir");
        var task = agent.Task("touch started") with { WorkingDir = missing };

        var finished = await agent.RunAsync(task);

        Assert.That((finished.Status, finished.Reason, finished.Cause), Is.EqualTo(("FAILED", RunReason.DispatchFailed, NotStartedCause.WorkingDirMissing)));
        Assert.That(finished.Detail, Does.Contain(missing).And.Contain("does not exist"));
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId), Is.Empty);
    }

    [Test]
    public async Task AcceptAsync_CapturesLargeBinaryOutputExactly_WhenCommandWritesMegabytes()
    {
        var task = agent.Task("head -c 52428800 /dev/urandom");

        var finished = await agent.RunAsync(task);

        Assert.That(finished.Status, Is.EqualTo("SUCCESS"));
        Assert.That(new FileInfo(agent.LogFile($"demo/{task.RunId}.1.out")).Length, Is.EqualTo(52_428_800));
    }
}
