using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.EndToEnd;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>
/// Per-agent broker users over a real RabbitMQ (users made by <c>deploy/rabbitmq/add-agent.sh</c>): what a holder of
/// one agent's broker password can no longer do.
/// </summary>
[Category("Integration")]
[NonParallelizable]
internal sealed class TrustedAgentsTests
{
    private const ushort AccessRefused = 403;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private EndToEndFixture e2e = null!;

    [SetUp]
    public async Task Start() => e2e = await EndToEndFixture.StartAsync();

    [TearDown]
    public async Task Stop() => await e2e.DisposeAsync();

    [Test]
    public async Task RunFinished_ChangesNothing_WhenForgedByAnotherAgentsBrokerUser()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        var other = $"forger-{Guid.NewGuid():N}"[..16];
        var otherUrl = await e2e.Broker.AgentUrlAsync(other);
        await using var stamped = await ForgingBus.StartAsync(otherUrl, stampUserId: true);
        await using var unstamped = await ForgingBus.StartAsync(otherUrl, stampUserId: false);

        // Long enough for the forgeries to arrive well before the genuine result: a finished run ignores any result.
        await e2e.InsertAsync(e2e.Definition(471, "trust_victim", "sleep 20; echo genuine", inSeconds: 10));
        var running = await e2e.WaitForRunAsync("trust_victim", r => r.Status is "RUNNING", Patience);

        // Agent B reporting as itself on A's run, B claiming to be A, and B claiming to be A with no user_id at all.
        await stamped.SendAsync(Forged(running, other), $"exchange:{QueueNames.AgentEvents}");
        await stamped.SendAsync(Forged(running, e2e.AgentName), $"exchange:{QueueNames.AgentEvents}");
        await unstamped.SendAsync(Forged(running, e2e.AgentName), $"exchange:{QueueNames.AgentEvents}");
        var direct = async () => await stamped.SendAsync(Forged(running, e2e.AgentName), $"queue:{QueueNames.Scheduler}");
        var run = await e2e.WaitForRunAsync("trust_victim", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", Patience);

        Assert.That(direct, Throws.Exception, "agent B may not declare or write to the scheduler's queue itself");
        Assert.That((run.Status, run.ReturnCode), Is.EqualTo(("SUCCESS", (int?)0)), "the genuine result stands; the forged FAILED/99 was dropped");
        Assert.That(EndToEndFixture.Statuses(run), Is.EqualTo(new[] { "ACTIVE", "TRIGGER", "STARTED", "RUNNING", "SUCCESS" }));
    }

    [Test]
    public async Task RunTask_IsIgnored_WhenSentByTheAgentsOwnBrokerUser()
    {
        await using var agent = await RunningAgent.StartAsync(e2e.AgentName, e2e.AgentBusUrl, e2e.Folder.FullName);
        var marker = Path.Combine(e2e.Folder.FullName, "forged-ran");
        await using (var self = await ForgingBus.StartAsync(e2e.AgentBusUrl, stampUserId: true))
        {
            await self.SendAsync(
                new RunTask { RunId = Guid.NewGuid().ToString("N"), Attempt = 1, Task = "forged", Host = e2e.AgentName, Cmd = $"touch {marker}", SentAt = TimeProvider.System.GetUtcNow() },
                $"exchange:{QueueNames.Agent(e2e.AgentName)}");
        }

        // A genuine run after the forged command: once it has finished, the forged one had its chance to run.
        await e2e.InsertAsync(e2e.Definition(472, "trust_genuine", "echo ok", inSeconds: 10));
        var run = await e2e.WaitForRunAsync("trust_genuine", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", Patience);

        Assert.That(run.Status, Is.EqualTo("SUCCESS"));
        Assert.That(File.Exists(marker), Is.False, "a command not sent by the scheduler's broker user must not run");
    }

    [Test]
    public async Task Task_CannotSeeTheBusPassword_InItsEnvironmentNorTheAgents_WhenItComesFromEasytaskBusFile()
    {
        var url = new Uri(e2e.AgentBusUrl);
        var password = Uri.UnescapeDataString(url.UserInfo.Split(':', 2)[1]);
        var secret = Path.Combine(e2e.Folder.FullName, "agent-bus.password");
        await File.WriteAllTextAsync(secret, password + "\n");
        var withoutPassword = $"amqp://{url.UserInfo.Split(':')[0]}@{url.Host}:{url.Port}/";
        var seen = Path.Combine(e2e.Folder.FullName, "seen");
        using var agent = AgentProcess.Start(e2e.AgentName, withoutPassword, e2e.Folder.FullName, new Dictionary<string, string> { ["EASYTASK_BUS_FILE"] = secret });
        await e2e.InsertAsync(e2e.Definition(473, "trust_snoop", $"env > {seen}.env; tr '\\0' '\\n' < /proc/$PPID/environ > {seen}.parent", inSeconds: 10));

        var run = await e2e.WaitForRunAsync("trust_snoop", r => r.Status is "SUCCESS" or "FAILED" or "TERMINATED", Patience);

        Assert.That(run.Status, Is.EqualTo("SUCCESS"), "the agent connected with the password from its file");
        var own = await File.ReadAllTextAsync(seen + ".env");
        var parent = await File.ReadAllTextAsync(seen + ".parent");
        Assert.That(parent, Does.Contain("EASYTASK_BUS_FILE="), "the task did read the agent's environment");
        Assert.That(own + parent, Does.Not.Contain(password));
    }

    [Test]
    public async Task AgentBrokerUser_CannotReadAnotherAgentsQueueNorSendItARunTask_ButReadsItsOwn()
    {
        var (a, b) = ($"perm-a-{Guid.NewGuid():N}"[..14], $"perm-b-{Guid.NewGuid():N}"[..14]);
        var aUrl = await e2e.Broker.AgentUrlAsync(a);

        // Both agents' queues exist, as they do once the agents ran (declared here as the scheduler's sends declare them).
        await e2e.Broker.AgentUrlAsync(b);
        Assert.That(await RefusalAsync(e2e.Broker.AmqpUrl, async ch =>
        {
            await ch.QueueDeclareAsync(QueueNames.Agent(a), durable: true, exclusive: false, autoDelete: false);
            await ch.QueueDeclareAsync(QueueNames.Agent(b), durable: true, exclusive: false, autoDelete: false);
        }), Is.Zero);

        var body = "{}"u8.ToArray();
        var ownQueue = await RefusalAsync(aUrl, ch => ch.BasicConsumeAsync(QueueNames.Agent(a), autoAck: false, new NoConsumer(ch)));
        var otherQueue = await RefusalAsync(aUrl, ch => ch.BasicConsumeAsync(QueueNames.Agent(b), autoAck: false, new NoConsumer(ch)));
        var schedulerQueue = await RefusalAsync(aUrl, ch => ch.BasicConsumeAsync(QueueNames.Scheduler, autoAck: false, new NoConsumer(ch)));
        var sendToOther = await RefusalAsync(aUrl, ch => ch.BasicPublishAsync(QueueNames.Agent(b), "", body).AsTask());
        var publishRunTask = await RefusalAsync(aUrl, ch => ch.BasicPublishAsync("EasyTask.Contracts.Messages:RunTask", "", body).AsTask());
        var deleteScheduler = await RefusalAsync(aUrl, ch => ch.QueueDeleteAsync(QueueNames.Scheduler));
        var runTaskExchange = await RefusalAsync(e2e.Broker.AmqpUrl, ch => ch.ExchangeDeclarePassiveAsync("EasyTask.Contracts.Messages:RunTask"));

        Assert.That(ownQueue, Is.Zero, "an agent reads its own queue");
        Assert.That(new[] { otherQueue, schedulerQueue, sendToOther, publishRunTask, deleteScheduler }, Is.All.EqualTo(AccessRefused));
        Assert.That(runTaskExchange, Is.EqualTo((ushort)404), "no RunTask message-type exchange exists to reach every agent's queue");
    }

    private static RunFinished Forged(RunResource run, string host) => new()
    {
        RunId = run.RunId, Attempt = run.Attempt, Host = host, Status = "FAILED", Reason = RunReason.ExitCode, ReturnCode = 99,
        StartedAt = TimeProvider.System.GetUtcNow().AddSeconds(-1), FinishedAt = TimeProvider.System.GetUtcNow(), Detail = "forged",
    };

    /// <summary>Does <paramref name="act"/> on a fresh channel, then a harmless round trip; the broker's reply code when it closed the channel, else 0.</summary>
    private static async Task<ushort> RefusalAsync(string amqpUrl, Func<IChannel, Task> act)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await act(channel);
            await channel.BasicQosAsync(0, 1, false);
            return 0;
        }
        catch (OperationInterruptedException ex)
        {
            return ex.ShutdownReason?.ReplyCode ?? channel.CloseReason?.ReplyCode ?? 1;
        }
    }

    private sealed class NoConsumer(IChannel channel) : AsyncDefaultBasicConsumer(channel);
}
