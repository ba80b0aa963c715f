using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Monitoring;

namespace EasyTask.Scheduler.Alerts;

/// <summary>
/// <c>EasyTask:Alerts</c>: channels configured once, rules mapping kinds and severities to channels, and the
/// severity of each kind. Without rules every alert goes to every channel; without channels alerts are logged.
/// </summary>
internal sealed class AlertOptions
{
    public const string Section = "EasyTask:Alerts";

    /// <summary>The implicit channel used when none is configured.</summary>
    public const string LogChannel = "log";

    public Dictionary<string, AlertChannelOptions> Channels { get; set; } = new(StringComparer.Ordinal);

    public List<AlertRule> Rules { get; set; } = [];

    /// <summary>Severity per kind; defaults: failed and timed_out high, agent_lost and circuit_open critical, late and long_running medium.</summary>
    public Dictionary<string, string> Severity { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often late and long-running runs are looked for. Default 5 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often pending deliveries are tried. Default 1 s.</summary>
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string SeverityOf(string kind) => Severity.TryGetValue(kind, out var configured) ? configured : kind switch
    {
        AlertKinds.AgentLost or AlertKinds.CircuitOpen => Severities.Critical,
        AlertKinds.Failed or AlertKinds.TimedOut => Severities.High,
        AlertKinds.Late or AlertKinds.LongRunning => Severities.Medium,
        _ => Severities.Low,
    };

    /// <summary>The channels an alert goes to: the task's notify block when it covers the kind, else the rules.</summary>
    public IReadOnlyList<string> ChannelsFor(string kind, string severity, TaskNotify? notify)
    {
        if (notify is { Channels.Count: > 0 } && (notify.On is not { Count: > 0 } on || on.Contains(kind)))
        {
            return notify.Channels;
        }

        // succeeded and recovered are opt-in: only a rule or a notify block naming them sends them.
        var optIn = kind is AlertKinds.Succeeded or AlertKinds.Recovered;
        if (Rules.Count == 0)
        {
            return optIn ? [] : Channels.Count == 0 ? [LogChannel] : Channels.Keys.ToList();
        }

        return Rules
            .Where(r => (r.Kinds.Count == 0 ? !optIn : r.Kinds.Contains(kind)) && (r.Severities.Count == 0 || r.Severities.Contains(severity)))
            .SelectMany(r => r.Channels)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
