using System.Text.Json;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>What a person reads in a problem-details answer: its detail and every field message, JSON escaping undone.</summary>
internal static class ProblemText
{
    public static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var lines = new List<string>();
        if (root.TryGetProperty("detail", out var detail))
        {
            lines.Add(detail.GetString() ?? "");
        }

        if (root.TryGetProperty("errors", out var errors))
        {
            lines.AddRange(errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(m => $"{field.Name}: {m.GetString()}")));
        }

        return string.Join('\n', lines);
    }
}
