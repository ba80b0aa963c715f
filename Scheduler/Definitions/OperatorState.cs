using System.Text.Json;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Definitions;

/// <summary>
/// The rule for what an operator set by hand when a definition is replaced (API update, <c>task update</c>, a file
/// dropped again): <c>active</c> keeps its stored value unless the new definition states <c>active</c> itself; hold
/// is never part of a definition, so an update never touches it. A file that says <c>"active": true</c> does
/// re-activate: the file said otherwise.
/// </summary>
internal static class OperatorState
{
    /// <summary>The incoming definition with the stored <c>active</c> flag kept when item <paramref name="index"/> of <paramref name="json"/> leaves it out.</summary>
    public static TaskDefinition Keep(string json, int index, TaskDefinition incoming, StoredTask? current)
    {
        if (current is null || incoming.Active == current.Definition.Active || StatesActive(json, index))
        {
            return incoming;
        }

        return incoming with { Active = current.Definition.Active };
    }

    private static bool StatesActive(string json, int index)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            var root = document.RootElement;
            var item = root.ValueKind == JsonValueKind.Array && index < root.GetArrayLength() ? root[index] : root;
            return item.ValueKind == JsonValueKind.Object && item.TryGetProperty("active", out _);
        }
        catch (JsonException)
        {
            // Already validated; unreadable here means "not stated", the safe side for an operator's choice.
            return false;
        }
    }
}
