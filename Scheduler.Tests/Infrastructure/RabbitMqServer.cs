namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// One RabbitMQ broker for the whole test run: a throwaway node of the installed rabbitmq-server, started on first
/// use on free loopback ports and stopped by <see cref="TestRunTeardown"/>. With <c>EASYTASK_TEST_RABBITMQ</c> set to
/// an <c>amqp://user:pass@host:port/vhost</c> URL, that broker is used instead and left alone.
/// A broker that cannot be started makes every test that asks for it fail with the reason: never a skip.
/// </summary>
internal sealed class RabbitMqServer
{
    /// <summary>Environment variable naming an existing broker to use instead of starting one.</summary>
    public const string ExternalServerVariable = "EASYTASK_TEST_RABBITMQ";

    private static readonly Lazy<Task<RabbitMqServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    // Start, stop and restart one at a time: a test restarting the broker must not race the run's teardown.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly RabbitMqNode? node;

    private RabbitMqServer(string amqpUrl, RabbitMqNode? node)
    {
        AmqpUrl = amqpUrl;
        this.node = node;
    }

    /// <summary>Where to connect, credentials included: <c>amqp://guest:guest@127.0.0.1:PORT/</c> for the run's own node.</summary>
    public string AmqpUrl { get; }

    /// <summary>Whether the run started this broker itself, and so may stop and restart it.</summary>
    public bool IsThrowaway => node is not null;

    /// <summary>The run's broker, started on first call; throws the start failure to every caller.</summary>
    public static Task<RabbitMqServer> GetAsync() => Shared.Value;

    /// <summary>
    /// Where the agent <paramref name="agentName"/> connects as its own broker user, made by
    /// <c>deploy/rabbitmq/add-agent.sh</c>: the scheduler accepts an agent's events only from that agent's user.
    /// </summary>
    public Task<string> AgentUrlAsync(string agentName) => RequireThrowaway().AddAgentUserAsync(agentName);

    /// <summary>Stops the broker this run started, if any, deletes its files and ends every process it spawned.</summary>
    public static async Task StopAsync()
    {
        if (!Shared.IsValueCreated)
        {
            return;
        }

        // A broker that never started has nothing to stop; its failure was reported by the tests that needed it.
        var startup = Shared.Value;
        await ((Task)startup).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!startup.IsCompletedSuccessfully)
        {
            return;
        }

        await startup.Result.DisposeNodeAsync();
    }

    /// <summary>
    /// Stops the broker in order (SIGTERM, as <c>rabbitmqctl stop</c> would) and returns once it is gone; its data
    /// and port stay, so <see cref="StartBrokerAsync"/> brings back the same broker with its durable queues and
    /// persistent messages. Does nothing if it is already stopped.
    /// </summary>
    public async Task StopBrokerAsync()
    {
        var owned = RequireThrowaway();
        await Gate.WaitAsync();
        try
        {
            await owned.StopBrokerAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Starts the stopped broker again on the same data directory and port; returns once it accepts AMQP connections.</summary>
    public async Task StartBrokerAsync()
    {
        var owned = RequireThrowaway();
        await Gate.WaitAsync();
        try
        {
            await owned.StartBrokerAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<RabbitMqServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new RabbitMqServer(external, null);
        }

        var node = await RabbitMqNode.StartAsync(ExternalServerVariable);

        // The teardown fixture normally stops the node; this covers a run that ends without it (an aborted test host).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => node.Kill();
        return new RabbitMqServer(node.AmqpUrl, node);
    }

    private RabbitMqNode RequireThrowaway() => node ?? throw new InvalidOperationException(
        $"the broker at {ExternalServerVariable} belongs to someone else: this test stops and restarts the broker, " +
        $"so it needs one the test run starts itself (unset {ExternalServerVariable})");

    private async Task DisposeNodeAsync()
    {
        if (node is null)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            await node.DisposeAsync();
        }
        finally
        {
            Gate.Release();
        }
    }
}
