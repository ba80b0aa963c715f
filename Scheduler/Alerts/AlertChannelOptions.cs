namespace EasyTask.Scheduler.Alerts;

/// <summary>One channel under <c>EasyTask:Alerts:Channels:&lt;name&gt;</c>; which settings apply depends on <see cref="Type"/>.</summary>
internal sealed class AlertChannelOptions
{
    /// <summary><c>webhook</c>, <c>command</c>, <c>email</c> or <c>log</c>.</summary>
    public string Type { get; set; } = "log";

    /// <summary>webhook: the URL the alert is POSTed to as JSON.</summary>
    public string? Url { get; set; }

    /// <summary>webhook: when set, the body is signed with HMAC-SHA256 in the <c>X-EasyTask-Signature: sha256=HEX</c> header.</summary>
    public string? Secret { get; set; }

    /// <summary>webhook and command: how long one try may take. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>command: the program to start; it gets the alert as JSON on stdin and must exit 0.</summary>
    public string? Command { get; set; }

    /// <summary>command: its arguments.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>email: SMTP server.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>email: SMTP port. Default 25 (STARTTLS is used when the server offers it).</summary>
    public int SmtpPort { get; set; } = 25;

    /// <summary>email: user name, when the server wants a login.</summary>
    public string? User { get; set; }

    /// <summary>email: password for <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>email: sender address.</summary>
    public string? From { get; set; }

    /// <summary>email: recipients.</summary>
    public List<string> To { get; set; } = [];
}
