using System.Globalization;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>Broker users made the way operators make them: with <c>deploy/rabbitmq/add-agent.sh</c>, through rabbitmqctl.</summary>
internal sealed partial class RabbitMqNode
{
    private static readonly TimeSpan UserTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A rabbitmqctl bound to this node (its node name, epmd port and cookie), for <c>RABBITMQCTL=</c>.</summary>
    private string CtlScript => Path.Combine(directory, "rabbitmqctl");

    /// <summary>
    /// Runs <c>deploy/rabbitmq/add-agent.sh NAME</c> against this node (vhost <c>/</c>, where the tests' scheduler
    /// connects as guest) and returns where agent NAME connects as its own broker user.
    /// </summary>
    public async Task<string> AddAgentUserAsync(string agentName)
    {
        await WriteCtlScriptAsync();
        var passwordFile = Path.Combine(directory, $"agent-{Guid.NewGuid():N}.password");
        var script = Path.Combine(RepositoryPaths.RepositoryRoot, "deploy", "rabbitmq", "add-agent.sh");
        await ExternalCommand.RunAsync("env", [$"RABBITMQCTL={CtlScript}", "EASYTASK_VHOST=/", "bash", script, agentName, passwordFile], UserTimeout);
        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        File.Delete(passwordFile);
        return string.Create(CultureInfo.InvariantCulture, $"amqp://easytask-agent-{agentName}:{Uri.EscapeDataString(password)}@127.0.0.1:{amqpPort}/");
    }

    private async Task WriteCtlScriptAsync()
    {
        if (File.Exists(CtlScript))
        {
            return;
        }

        var ctl = Path.Combine(Path.GetDirectoryName(installation.ServerScript)!, "rabbitmqctl");
        var asUser = user is null ? "" : $"runuser -u {user} -- ";
        var temporary = CtlScript + ".tmp";
        await File.WriteAllTextAsync(temporary, $"""
            #!/bin/sh
            exec {asUser}env PATH={SystemPath} HOME={HomeDirectory} LANG=C.UTF-8 LC_ALL=C.UTF-8 ERL_EPMD_PORT={Text(epmdPort)} ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_CTL_ERL_ARGS="-start_epmd false" {ctl} -n {nodeName} "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.Move(temporary, CtlScript, overwrite: true);
    }
}
