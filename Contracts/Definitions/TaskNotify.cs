using System.Text.Json.Serialization;

namespace EasyTask.Contracts.Definitions;

/// <summary>
/// A task's own alert routing (<c>"notify": {"channels": ["ops"], "on": ["failed", "late"]}</c>): the alerts of
/// the listed kinds go to the listed channels instead of those the configured rules choose.
/// </summary>
public sealed record TaskNotify
{
    /// <summary>Names of channels configured under <c>EasyTask:Alerts:Channels</c>.</summary>
    [JsonPropertyName("channels")] public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Alert kinds to send (<see cref="AlertKinds"/>); empty or missing means every kind.</summary>
    [JsonPropertyName("on")] public IReadOnlyList<string>? On { get; init; }
}
