using EasyTask.Agent.Execution;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class OutputPathsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "agent-logs");

    [Test]
    public void Resolve_UsesTaskFolderAndRunAttempt_WhenTaskNamesNoFiles()
    {
        var (stdout, stderr, refusal) = new OutputPaths(Root).Resolve(Task(null, null));

        Assert.That((stdout, stderr, refusal), Is.EqualTo((Path.Combine(Root, "nightly", "r-1.2.out"), Path.Combine(Root, "nightly", "r-1.2.err"), (string?)null)));
    }

    [Test]
    public void Resolve_KeepsRelativeNames_WhenTheyStayInside()
    {
        var (stdout, _, refusal) = new OutputPaths(Root).Resolve(Task("reports/./today.log", null));

        Assert.That((stdout, refusal), Is.EqualTo((Path.Combine(Root, "reports", "today.log"), (string?)null)));
    }

    [TestCase("../escape.log")]
    [TestCase("reports/../../escape.log")]
    [TestCase("/etc/passwd")]
    [TestCase(".")]
    public void Resolve_Refuses_WhenPathLeavesLogDirectory(string path)
    {
        var (_, _, refusal) = new OutputPaths(Root).Resolve(Task(null, path));

        Assert.That(refusal, Does.StartWith($"stderr \"{path}\" is refused").And.Contain(Root));
    }

    [Test]
    public async Task AcceptAsync_FailsAndWritesNothingOutside_WhenStdoutTriesToEscape()
    {
        await using var agent = await AgentHarness.StartAsync();
        var task = agent.Task("echo leaked") with { Stdout = "../escaped.out" };

        var finished = await agent.RunAsync(task);

        Assert.That(finished.Status, Is.EqualTo("FAILED"));
        Assert.That(finished.Detail, Does.Contain("inside the agent's log directory"));
        Assert.That(File.Exists(Path.Combine(agent.Root, "escaped.out")), Is.False);
        Assert.That(agent.Sink.Of<RunStarted>(task.RunId), Is.Empty);
    }

    private static RunTask Task(string? stdout, string? stderr) =>
        new() { RunId = "r-1", Attempt = 2, Task = "nightly", Host = "h", Cmd = "true", Stdout = stdout, Stderr = stderr };
}
