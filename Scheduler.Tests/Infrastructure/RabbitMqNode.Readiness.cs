using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>Starting epmd, and waiting until the broker really serves AMQP.</summary>
internal sealed partial class RabbitMqNode
{
    // A fresh node boots in 5 to 15 s on a small machine; a restart on existing data takes about as long.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EpmdTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private async Task StartEpmdAsync()
    {
        epmd = ServerProcess.Start(installation.Epmd, ["-port", Text(epmdPort), "-address", "127.0.0.1"], BaseEnvironment(), user, directory);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < EpmdTimeout)
        {
            if (epmd.HasExited)
            {
                // epmd exits without a word when its port is taken.
                throw new InvalidOperationException($"epmd exited at start-up: port {epmdPort} is most likely taken (eaddrinuse); it printed:\n{epmd.Output}");
            }

            if (await AcceptsTcpAsync(epmdPort))
            {
                return;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"epmd did not listen on port {epmdPort} within {EpmdTimeout.TotalSeconds:0} s; it printed:\n{epmd.Output}");
    }

    private async Task WaitUntilAcceptingAsync(ServerProcess process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"rabbitmq-server (node {nodeName}, AMQP port {amqpPort}, distribution port {distributionPort}) exited during start-up; " +
                    ReadLogs(process));
            }

            // The listener opens late in the boot; a completed AMQP handshake as guest is what the tests need.
            if (await AcceptsTcpAsync(amqpPort) && await AcceptsAmqpAsync())
            {
                return;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException(
            $"rabbitmq-server (node {nodeName}) did not accept AMQP connections on port {amqpPort} within {StartTimeout.TotalSeconds:0} s; " +
            ReadLogs(process));
    }

    private static async Task<bool> AcceptsTcpAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<bool> AcceptsAmqpAsync()
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(AmqpUrl),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "easytask-test-readiness",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync();
            await connection.CloseAsync();
            return true;
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or IOException)
        {
            return false;
        }
    }
}
