using EasyTask.Agent.Tests.Support;

namespace EasyTask.Agent.Tests.Execution;

/// <summary>What a run may do to the agent's machine through its output and its limits.</summary>
internal sealed class ProcessHardeningTests
{
    [Test]
    public async Task RunAsync_CutsEachStreamAtMaxOutputBytes_WithAMarker_AndTheRunGoesOnToItsEnd()
    {
        await using var agent = await AgentHarness.StartAsync(o => o.MaxOutputBytes = 4096);

        // 1 MiB to each stream, far past the limit, then a last word that proves the task was neither blocked nor stopped.
        var task = agent.Task("head -c 1048576 /dev/zero | tr '\\0' x; head -c 1048576 /dev/zero | tr '\\0' y >&2; echo done > done.txt");
        var finished = await agent.RunAsync(task);

        var stdout = await File.ReadAllTextAsync(agent.LogFile($"demo/{task.RunId}.1.out"));
        var stderr = await File.ReadAllTextAsync(agent.LogFile($"demo/{task.RunId}.1.err"));
        Assert.That((finished.Status, finished.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), finished.Detail);
        Assert.That(File.Exists(Path.Combine(agent.WorkDirectory, "done.txt")), Is.True, "the task ran on past the cut");
        Assert.That(stdout, Does.StartWith(new string('x', 4096) + "\n[easytask: stdout cut here"));
        Assert.That(stderr, Does.StartWith(new string('y', 4096) + "\n[easytask: stderr cut here"));
        Assert.That(stdout.Length + stderr.Length, Is.LessThan(2 * (4096 + 200)), "nothing after the marker");
        Assert.That(finished.Detail, Does.Contain("stdout was cut at 4096 bytes").And.Contain("stderr was cut at 4096 bytes"));
    }

    [Test]
    public async Task RunAsync_KeepsAllOutputAndSaysNothing_WhenUnderTheLimit()
    {
        await using var agent = await AgentHarness.StartAsync(o => o.MaxOutputBytes = 4096);
        var task = agent.Task("printf abc");

        var finished = await agent.RunAsync(task);

        Assert.That(await File.ReadAllTextAsync(agent.LogFile($"demo/{task.RunId}.1.out")), Is.EqualTo("abc"));
        Assert.That(finished.Detail, Is.Null);
    }

    [Test]
    public async Task RunAsync_RefusesToWriteThroughASymlink_WhenTheOutputFileIsALink()
    {
        Assume.That(!OperatingSystem.IsWindows());
        await using var agent = await AgentHarness.StartAsync();
        var victim = Path.Combine(agent.Root, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious\n");
        var task = agent.Task("echo pwned") with { Stdout = "links/out.txt" };
        Directory.CreateDirectory(agent.LogFile("links"));
        File.CreateSymbolicLink(agent.LogFile("links/out.txt"), victim);

        var finished = await agent.RunAsync(task);

        Assert.That(await File.ReadAllTextAsync(victim), Is.EqualTo("precious\n"), "the link's target is untouched");
        Assert.That(finished.Status, Is.Not.EqualTo("SUCCESS"));
        Assert.That(finished.Detail, Does.Contain("symbolic link"));
    }

    [Test]
    public async Task RunAsync_StartsNothing_WhenMaxRunTimeIsBeyondWhatTheTimerCanHold()
    {
        await using var agent = await AgentHarness.StartAsync();
        var marker = Path.Combine(agent.Root, "started");
        var task = agent.Task($"touch {marker}") with { MaxRunTime = int.MaxValue };

        var finished = await agent.RunAsync(task);
        await Task.Delay(500);

        Assert.That(File.Exists(marker), Is.False, "no process runs without its limit armed");
        Assert.That(finished.Detail, Does.Contain("max_run_time").And.Contain("nothing was started"));
    }
}
