namespace EasyTask.Scheduler.Alerts;

/// <summary>A routing rule: alerts of these kinds and severities go to these channels (empty lists match everything).</summary>
internal sealed class AlertRule
{
    public List<string> Kinds { get; set; } = [];

    public List<string> Severities { get; set; } = [];

    public List<string> Channels { get; set; } = [];
}
