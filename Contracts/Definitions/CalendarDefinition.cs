using System.Text.Json.Serialization;

namespace EasyTask.Contracts.Definitions;

/// <summary>A custom calendar: named days on which tasks naming it do not run.</summary>
public sealed record CalendarDefinition
{
    /// <summary>Unique name, <c>[A-Za-z0-9_.-]</c>, referenced by a task's <c>calendar</c> field.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Excluded days, <c>YYYY-MM-DD</c>.</summary>
    [JsonPropertyName("dates")] public IReadOnlyList<DateOnly> Dates { get; init; } = [];
}
