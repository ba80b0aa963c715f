using EasyTask.Agent.Execution.Launch;
using EasyTask.Agent.Tests.Support;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>
/// What a task's shell finds when it starts, whichever way the agent started it: the same session of its own, an
/// empty stdin, pipes it can open by name, its working directory, and signals as a login shell would have them.
/// </summary>
[TestFixture(SpawnMethod.PosixSpawn)]
[TestFixture(SpawnMethod.DotnetProcess)]
internal sealed class ProcessLaunchTests(SpawnMethod spawnMethod)
{
    private AgentHarness agent = null!;

    [SetUp]
    public async Task StartAgent()
    {
        Assume.That(OperatingSystem.IsLinux(), "reads /proc");
        agent = await AgentHarness.StartAsync(o => o.SpawnMethod = spawnMethod);
    }

    [TearDown]
    public async Task StopAgent()
    {
        if (agent is not null)
        {
            await agent.DisposeAsync();
        }
    }

    [Test]
    public async Task Shell_LeadsItsOwnSession_ReadsEndOfFile_AndHasNoSignalIgnoredOrBlocked()
    {
        // Field 6 of /proc/PID/stat is the session id; "sh" has no space in its name, so cut can count fields.
        var task = agent.Task("""
            if read -r line; then echo "stdin=data"; else echo "stdin=eof"; fi
            echo "session=$(cut -d' ' -f6 /proc/$$/stat) pid=$$"
            grep -E '^Sig(Ign|Blk):' /proc/$$/status | tr -d '\t'
            pwd
            echo "by name" > /dev/stderr
            """);

        var finished = await agent.RunAsync(task);

        var lines = await File.ReadAllLinesAsync(agent.LogFile($"demo/{task.RunId}.1.out"));
        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), finished.Detail);
        Assert.That(lines[0], Is.EqualTo("stdin=eof"));
        var session = lines[1].Split(' ').Select(w => w.Split('=')[1]).ToArray();
        Assert.That(session[0], Is.EqualTo(session[1]), "the shell is its session's (and group's) leader, so a timeout kills its whole tree");
        Assert.That(lines[2], Is.EqualTo("SigBlk:0000000000000000"));
        if (spawnMethod == SpawnMethod.PosixSpawn)
        {
            // .NET's Process passes the runtime's ignored SIGPIPE on (a known limit of DotnetProcess).
            Assert.That(lines[3], Is.EqualTo("SigIgn:0000000000000000"), "the agent's ignored SIGPIPE (and glibc's own signals) must not reach the task");
        }

        Assert.That(lines[4], Is.EqualTo(agent.WorkDirectory));
        Assert.That(await File.ReadAllTextAsync(agent.LogFile($"demo/{task.RunId}.1.err")), Is.EqualTo("by name\n"), "/dev/stderr opens: the streams are pipes, not sockets");
    }

    [TestCase("exit 3", 3)]
    [TestCase("kill -KILL $$", 128 + 9)]
    [TestCase("no-such-command-easytask", 127)]
    public async Task ReturnCode_IsWhatAShellWouldReport(string command, int expected)
    {
        var finished = await agent.RunAsync(agent.Task(command));

        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("FAILED", (int?)expected)), finished.Detail);
    }

    [Test]
    public async Task Run_EndsWithItsShell_WhenABackgroundChildKeepsTheOutputOpen()
    {
        var task = agent.Task("sleep 60 & echo $! > leftover.pid; echo started");

        var finished = await agent.RunAsync(task);

        var leftover = await ProcessProbe.ReadPidAsync(Path.Combine(agent.WorkDirectory, "leftover.pid"));
        System.Diagnostics.Process.GetProcessById(leftover).Kill();
        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), finished.Detail);
        Assert.That(finished.FinishedAt - finished.StartedAt!.Value, Is.LessThan(TimeSpan.FromSeconds(20)), "the agent stops reading a pipe a leftover holds open, a moment after the shell ended");
        Assert.That(await File.ReadAllTextAsync(agent.LogFile($"demo/{task.RunId}.1.out")), Is.EqualTo("started\n"));
    }

    [Test]
    public async Task YesIntoHead_EndsAtOnce_BecauseSigpipeKillsTheWriter()
    {
        Assume.That(spawnMethod, Is.EqualTo(SpawnMethod.PosixSpawn), ".NET's Process leaves SIGPIPE ignored in the task, and a shell cannot undo that: the reason PosixSpawn is the default");
        var task = agent.Task("yes | head -n 2");

        var finished = await agent.RunAsync(task);

        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), finished.Detail);
        Assert.That(await File.ReadAllTextAsync(agent.LogFile($"demo/{task.RunId}.1.err")), Is.Empty, "yes(1) with SIGPIPE ignored complains of a broken pipe");
    }
}
