namespace EasyTask.Contracts.Messages;

/// <summary>
/// Which message bus links scheduler and agents, written as one string (<c>EASYTASK_BUS</c>):
/// <c>inmemory</c> (one process: standalone, tests) or <c>amqp://user:password@host:port/vhost</c>
/// (<c>amqps://</c> for TLS) for RabbitMQ. Default <c>inmemory</c>.
/// </summary>
/// <param name="InMemory">True for the in-process bus.</param>
/// <param name="Host">The broker as MassTransit addresses it (<c>rabbitmq://host:port/vhost</c>).</param>
/// <param name="User">Broker user.</param>
/// <param name="Password">Broker password.</param>
/// <param name="Tls">True for <c>amqps://</c>.</param>
public sealed record BusSettings(bool InMemory, Uri? Host, string User, string Password, bool Tls)
{
    /// <summary>The default: the in-process bus.</summary>
    public const string DefaultSetting = "inmemory";

    /// <summary>The variable naming a file that holds the bus password, or the whole amqp:// setting.</summary>
    public const string FileVariable = "EASYTASK_BUS_FILE";

    /// <summary>The systemd credential (<c>LoadCredential=easytask-bus:/etc/easytask/…</c>) read the same way as <see cref="FileVariable"/>.</summary>
    public const string CredentialName = "easytask-bus";

    /// <summary>
    /// The bus setting with its secret kept out of the environment (where the tasks an agent runs could read it, if
    /// only from <c>/proc/&lt;agent&gt;/environ</c>): a file named by <paramref name="secretFile"/>
    /// (<c>EASYTASK_BUS_FILE</c>), else the systemd credential <see cref="CredentialName"/> in
    /// <paramref name="credentialsDirectory"/> (<c>$CREDENTIALS_DIRECTORY</c>), holds either the password, which
    /// completes <paramref name="setting"/> (<c>amqp://user@host:port/vhost</c>), or a whole <c>amqp://</c> setting.
    /// Neither given: <paramref name="setting"/> alone. Throws <see cref="FormatException"/> naming the file it cannot read.
    /// </summary>
    public static BusSettings Load(string? setting, string? secretFile, string? credentialsDirectory)
    {
        var file = !string.IsNullOrWhiteSpace(secretFile) ? secretFile
            : !string.IsNullOrWhiteSpace(credentialsDirectory) && File.Exists(Path.Combine(credentialsDirectory, CredentialName)) ? Path.Combine(credentialsDirectory, CredentialName)
            : null;
        if (file is null || (!string.IsNullOrWhiteSpace(setting) && Parse(setting).InMemory))
        {
            // An explicit "inmemory" (standalone) has no broker and no secret to read.
            return Parse(setting);
        }

        string secret;
        try
        {
            secret = File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{FileVariable}: the bus secret file {file} cannot be read: {ex.Message}", ex);
        }

        if (secret.StartsWith("amqp://", StringComparison.OrdinalIgnoreCase) || secret.StartsWith("amqps://", StringComparison.OrdinalIgnoreCase))
        {
            return Parse(secret);
        }

        var bus = Parse(setting);
        if (bus.InMemory)
        {
            throw new FormatException($"{FileVariable}: {file} holds a password, but EASYTASK_BUS names no broker (set it to amqp://user@host:port/vhost)");
        }

        return secret.Length == 0 ? throw new FormatException($"{FileVariable}: the bus secret file {file} is empty") : bus with { Password = secret };
    }

    /// <summary>Parses the one-string form; throws <see cref="FormatException"/> saying what is allowed.</summary>
    public static BusSettings Parse(string? setting)
    {
        var text = string.IsNullOrWhiteSpace(setting) ? DefaultSetting : setting.Trim();
        if (text.Equals(DefaultSetting, StringComparison.OrdinalIgnoreCase))
        {
            return new BusSettings(true, null, "", "", false);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            throw new FormatException($"EASYTASK_BUS must be \"inmemory\" or amqp://user:password@host:port/vhost (amqps:// for TLS), got \"{Redact(text)}\"");
        }

        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var tls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port;
        var vhost = uri.AbsolutePath.Trim('/');

        // MassTransit names its schemes rabbitmq:// and rabbitmqs://; the vhost is the path, "/" when empty.
        var host = new Uri($"{(tls ? "rabbitmqs" : "rabbitmq")}://{uri.Host}:{port}/{Uri.EscapeDataString(vhost)}");
        return new BusSettings(false, host, credentials[0].Length > 0 ? credentials[0] : "guest", credentials.Length > 1 ? credentials[1] : "guest", tls);
    }

    /// <summary>A form safe to print: no password.</summary>
    public string Describe() => InMemory ? DefaultSetting : $"{(Tls ? "amqps" : "amqp")}://{User}:***@{Host!.Host}:{Host.Port}/{Host.AbsolutePath.Trim('/')}";

    /// <inheritdoc />
    public override string ToString() => Describe();

    private static string Redact(string text) => System.Text.RegularExpressions.Regex.Replace(text, "://([^:@/]*):[^@]*@", "://$1:***@");
}
