using System.Text.Json.Serialization;

namespace EasyTask.Contracts.Definitions;

/// <summary>An upstream task and the state its run must end in.</summary>
public sealed record TaskDependency
{
    /// <summary>Name of the upstream task.</summary>
    [JsonPropertyName("task")] public string Task { get; init; } = "";

    /// <summary><c>success</c> (default), <c>failure</c> or <c>done</c> (either).</summary>
    [JsonPropertyName("on")] public string On { get; init; } = DependencyCondition.Success;
}
