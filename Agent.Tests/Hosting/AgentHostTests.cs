using EasyTask.Agent.Execution;
using EasyTask.Agent.Hosting;
using EasyTask.Agent.Journal;
using EasyTask.Agent.Tests.Support;
using EasyTask.Contracts.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EasyTask.Agent.Tests.Hosting;

internal sealed class AgentHostTests
{
    private string root = null!;

    [SetUp]
    public void CreateRoot() => root = Path.Combine(Path.GetTempPath(), "easytask-agent-host-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task CreateBuilder_RunsTasksThroughRegisteredSink_WhenTransportAddsOne()
    {
        var sink = new RecordingSink();
        var builder = AgentHost.CreateBuilder(["--name", "wired", $"--EasyTask:Agent:LogDirectory={root}/logs"]);
        builder.Services.AddSingleton<IRunEventSink>(sink);
        using var host = builder.Build();

        await host.StartAsync();
        await host.Services.GetRequiredService<RunSupervisor>().AcceptAsync(
            new RunTask { RunId = "wired-1", Attempt = 1, Task = "demo", Host = "wired", Cmd = "echo hi", WorkingDir = root }, CancellationToken.None);
        var finished = await sink.FinishedAsync("wired-1");
        await host.StopAsync();
        host.Dispose();

        Assert.That((finished.Host, finished.Status), Is.EqualTo(("wired", "SUCCESS")));
        Assert.That(File.ReadAllText(Path.Combine(root, "logs", "demo", "wired-1.1.out")), Is.EqualTo("hi\n"));
        using var journal = new RunJournal(Path.Combine(root, "logs-journal"), NullLogger<RunJournal>.Instance);
        journal.Open();
        Assert.That(journal.TryReadDelivered(new RunKey("wired-1", 1))?.Result, Is.EqualTo(finished), "the delivered result stays journaled for redeliveries");
    }

    [Test]
    public async Task RunDaemonAsync_ExitsWithMessageNamingSetting_WhenConfigurationIsInvalid()
    {
        using var error = new StringWriter();

        var code = await AgentHost.RunDaemonAsync(["--name", "ok", "--EasyTask:Agent:MaxConcurrentRuns=0"], error);

        Assert.That(code, Is.EqualTo(AgentHost.InvalidConfiguration));
        Assert.That(error.ToString(), Does.StartWith("error:").And.Contain("MaxConcurrentRuns"));
    }

    [Test]
    public async Task RunDaemonAsync_ExitsWithMessage_WhenNameCannotBeQueueName()
    {
        using var error = new StringWriter();

        var code = await AgentHost.RunDaemonAsync(["--name", "has space"], error);

        Assert.That(code, Is.EqualTo(AgentHost.InvalidConfiguration));
        Assert.That(error.ToString(), Does.Contain("agent.<name>"));
    }
}
