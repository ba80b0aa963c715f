using System.Text.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Alerts;

/// <summary>The JSON every channel sends: the webhook body, the command's stdin, the email's attachment-free text.</summary>
internal sealed record AlertPayload(long Id, string Kind, string Severity, string? RunId, string? Task, string? Host, string Message, DateTimeOffset CreatedAt, string? RunUrl)
{
    private static readonly JsonSerializerOptions Compact = new(ApiJson.Options) { WriteIndented = false };

    public static string Json(AlertRecord a) =>
        JsonSerializer.Serialize(new AlertPayload(a.Id, a.Kind, a.Severity, a.RunId, a.TaskName, a.Host, a.Message, a.CreatedAt, a.RunId is null ? null : $"/api/v1/runs/{a.RunId}"), Compact);
}
