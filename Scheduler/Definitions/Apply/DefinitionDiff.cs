using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions.Apply;

/// <summary>Field-by-field differences of two definitions, compared as the JSON they are stored as (defaults left out alike).</summary>
internal static class DefinitionDiff
{
    public static IReadOnlyList<FieldChange> Of(TaskDefinition from, TaskDefinition to) =>
        Compare(TaskDefinitionJson.Serialize(from), TaskDefinitionJson.Serialize(to));

    public static IReadOnlyList<FieldChange> Of(CalendarDefinition from, CalendarDefinition to) =>
        Compare(CalendarDefinitionJson.Serialize(from), CalendarDefinitionJson.Serialize(to));

    private static List<FieldChange> Compare(string fromJson, string toJson)
    {
        var before = JsonNode.Parse(fromJson)!.AsObject();
        var after = JsonNode.Parse(toJson)!.AsObject();
        var fields = before.Select(p => p.Key).Concat(after.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return fields
            .Select(field => (field, was: before[field], now: after[field]))
            .Where(f => !JsonNode.DeepEquals(f.was, f.now))
            .Select(f => new FieldChange(f.field, f.was?.ToJsonString(), f.now?.ToJsonString()))
            .ToList();
    }
}
