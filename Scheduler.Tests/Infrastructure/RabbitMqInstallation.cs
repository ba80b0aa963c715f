namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>The installed RabbitMQ server script and Erlang's epmd, as the rabbitmq-server package lays them out.</summary>
internal sealed record RabbitMqInstallation(string ServerScript, string Epmd)
{
    // Debian's /usr/sbin/rabbitmq-server is a wrapper that changes to /var/lib/rabbitmq and sends the output to
    // /var/log/rabbitmq: the scripts behind it take every setting from the environment and touch nothing else.
    private static readonly string[] ServerScriptPatterns =
    [
        "/usr/lib/rabbitmq/bin/rabbitmq-server",
        "/usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin/rabbitmq-server",
    ];

    private static readonly string[] EpmdPatterns =
    [
        "/usr/bin/epmd",
        "/usr/lib/erlang/bin/epmd",
        "/usr/lib/erlang/erts-*/bin/epmd",
    ];

    /// <summary>Finds the installation; throws saying how to get one when there is none.</summary>
    public static RabbitMqInstallation Find(string externalServerVariable)
    {
        var script = FirstExisting(ServerScriptPatterns);
        var epmd = FirstExisting(EpmdPatterns);
        if (script is null || epmd is null)
        {
            throw new InvalidOperationException(
                $"the RabbitMQ server was not found ({string.Join(", ", ServerScriptPatterns.Concat(EpmdPatterns))}): " +
                $"install it (apt-get install rabbitmq-server; deploy/test.sh does) or set {externalServerVariable} " +
                "to an amqp://user:pass@host:port/vhost URL");
        }

        return new RabbitMqInstallation(script, epmd);
    }

    private static string? FirstExisting(IEnumerable<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            var folder = Path.GetDirectoryName(pattern)!;
            var matches = folder.Contains('*', StringComparison.Ordinal)
                ? ExpandFolder(folder).Select(f => Path.Combine(f, Path.GetFileName(pattern)))
                : [pattern];
            var found = matches.Where(File.Exists).OrderDescending(StringComparer.Ordinal).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    // Expands the one '*' of a folder path, as in /usr/lib/erlang/erts-*/bin.
    private static IEnumerable<string> ExpandFolder(string folder)
    {
        var star = folder.IndexOf('*', StringComparison.Ordinal);
        var parent = Path.GetDirectoryName(folder[..star])!;
        var rest = folder[(parent.Length + 1)..];
        var namePattern = rest.Split('/')[0];
        var tail = rest[namePattern.Length..].TrimStart('/');
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent, namePattern).Select(d => tail.Length == 0 ? d : Path.Combine(d, tail))
            : [];
    }
}
