using System.Globalization;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>The node's directory, configuration and environment.</summary>
internal sealed partial class RabbitMqNode
{
    private const string SystemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    private string HomeDirectory => Path.Combine(directory, "home");

    private string LogDirectory => Path.Combine(directory, "log");

    private string LogFile => Path.Combine(LogDirectory, $"{nodeName}.log");

    private async Task CreateFilesAsync()
    {
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(HomeDirectory);
        Directory.CreateDirectory(LogDirectory);
        Directory.CreateDirectory(Path.Combine(directory, "mnesia"));

        // The default free-disk alarm (50 MB) blocks every publisher, which a test would see as a hang.
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), """
            disk_free_limit.absolute = 1MB
            log.console = false
            log.file.level = info
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "advanced.config"), "[].\n");

        // No plugins: the management plugin and its HTTP port are not needed.
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].\n");

        // Stands in for /etc/rabbitmq/rabbitmq-env.conf, which the scripts would otherwise read.
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq-env.conf"), "");
        if (user is not null)
        {
            await ExternalCommand.RunAsync("chown", ["-R", $"{user}:{user}", directory], ToolTimeout);
        }
    }

    private Dictionary<string, string> BaseEnvironment() => new()
    {
        ["PATH"] = SystemPath,
        ["HOME"] = HomeDirectory,
        ["LANG"] = "C.UTF-8",
        ["LC_ALL"] = "C.UTF-8",
        ["ERL_EPMD_PORT"] = Text(epmdPort),

        // Any Erlang tool run against this node (rabbitmqctl, the broker's own scripts) uses the node's epmd and never
        // starts one of its own: such a daemon would outlive the test and listen on every interface.
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_CTL_ERL_ARGS"] = "-start_epmd false",
    };

    private Dictionary<string, string> BrokerEnvironment()
    {
        var environment = BaseEnvironment();
        environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf");
        environment["RABBITMQ_NODENAME"] = nodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = Text(amqpPort);
        environment["RABBITMQ_DIST_PORT"] = Text(distributionPort);
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = LogDirectory;
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf");
        environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins");

        // Our epmd is already running, so the VM must not start one (a daemon outside our process group); the
        // distribution port listens on the loopback interface only, like everything else of the node.
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}";
        return environment;
    }

    private string ReadLogs(ServerProcess process)
    {
        string log;
        try
        {
            log = File.Exists(LogFile)
                ? string.Join('\n', File.ReadLines(LogFile).TakeLast(150))
                : "(no node log was written)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log = $"(the node log cannot be read: {ex.Message})";
        }

        return $"console output:\n{process.Output}\nnode log {LogFile} (last lines):\n{log}";
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Leftovers under /tmp are harmless; failing the run over them would not be.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
