using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// A throwaway node of the installed rabbitmq-server with an epmd of its own, both on free loopback ports, run as
/// the rabbitmq user when the tests run as root, with every file under one directory in /tmp. Nothing of the
/// machine's own broker (its service, /etc/rabbitmq, /var/lib/rabbitmq, the epmd on port 4369) is used or touched.
/// </summary>
internal sealed partial class RabbitMqNode
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly RabbitMqInstallation installation;
    private readonly string? user;
    private readonly string directory;
    private readonly string nodeName;
    private readonly int amqpPort;
    private readonly int distributionPort;
    private readonly int epmdPort;
    private ServerProcess? epmd;
    private ServerProcess? broker;
    private int disposed;

    private RabbitMqNode(RabbitMqInstallation installation, string? user)
    {
        this.installation = installation;
        this.user = user;
        var id = Guid.NewGuid().ToString("N")[..12];
        directory = Path.Combine("/tmp", $"easytask-rabbitmq-{id}");
        nodeName = $"easytask-test-{id}@localhost";
        (amqpPort, distributionPort, epmdPort) = FreePorts();
    }

    /// <summary>Where to connect as the default guest user, who may log in from the loopback interface only.</summary>
    public string AmqpUrl => string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{amqpPort}/");

    /// <summary>Creates the node's files and starts epmd and the broker; throws with their logs when it cannot.</summary>
    public static async Task<RabbitMqNode> StartAsync(string externalServerVariable)
    {
        var installation = RabbitMqInstallation.Find(externalServerVariable);

        // The package's own user, as its service runs; the tests run as root on the build machines.
        var user = Environment.IsPrivilegedProcess ? "rabbitmq" : null;
        var failures = new List<string>();
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var node = new RabbitMqNode(installation, user);
            try
            {
                await node.CreateFilesAsync();
                await node.StartEpmdAsync();
                await node.StartBrokerAsync();
                return node;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                failures.Add($"attempt {attempt}: {ex.Message}");
                await node.DisposeAsync();

                // The ports were free a moment ago and another process may have taken one first (Erlang's
                // eaddrinuse): new ports help with that, and with nothing else.
                if (!ex.Message.Contains("eaddrinuse", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException(
            $"the RabbitMQ broker for the tests could not be started with {installation.ServerScript} " +
            $"(set {externalServerVariable} to an amqp://user:pass@host:port/vhost URL to use a running broker instead):\n" +
            string.Join("\n", failures));
    }

    /// <summary>Starts the broker unless it runs; returns once it accepts AMQP connections.</summary>
    public async Task StartBrokerAsync()
    {
        if (broker is { HasExited: false })
        {
            return;
        }

        broker?.Dispose();
        broker = ServerProcess.Start(installation.ServerScript, [], BrokerEnvironment(), user, directory);
        try
        {
            await WaitUntilAcceptingAsync(broker);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await StopBrokerAsync();
            throw;
        }
    }

    /// <summary>Stops the broker in order and waits until every process of it is gone; data and ports stay.</summary>
    public async Task StopBrokerAsync()
    {
        if (broker is null)
        {
            return;
        }

        // SIGTERM makes the Erlang VM stop the rabbit application in order, as rabbitmqctl stop would, without a
        // CLI node of its own (which would need a distribution port and the cookie).
        await broker.StopAsync("beam.smp", StopGrace);
        broker.Dispose();
        broker = null;
    }

    /// <summary>Stops the broker and epmd and deletes the node's files.</summary>
    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await StopBrokerAsync();
        }
        finally
        {
            try
            {
                if (epmd is not null)
                {
                    await epmd.StopAsync("epmd", TimeSpan.FromSeconds(5));
                    epmd.Dispose();
                }
            }
            finally
            {
                TryDelete(directory);
            }
        }
    }

    /// <summary>Kills every process of the node at once and deletes its files: for a test host that is exiting.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        broker?.Kill();
        epmd?.Kill();
        TryDelete(directory);
    }

    private static (int Amqp, int Distribution, int Epmd) FreePorts()
    {
        // All three listeners are open at once, so the three ports differ.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
