using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Api;

/// <summary>An alert as the API shows it, with its delivery per channel.</summary>
internal sealed record AlertResource(
    long Id, string Kind, string Severity, string? RunId, string? Task, string? Host, string Message, DateTimeOffset CreatedAt, string Delivery,
    IReadOnlyList<AlertDeliveryResource> Channels)
{
    public static AlertResource Of(AlertRecord a) => new(
        a.Id, a.Kind, a.Severity, a.RunId, a.TaskName, a.Host, a.Message, a.CreatedAt,
        a.Deliveries.All(d => d.Status == "delivered") ? "delivered" : "pending",
        a.Deliveries.Select(d => new AlertDeliveryResource(d.Channel, d.Status, d.Attempts, d.LastError, d.NextAt, d.DeliveredAt)).ToList());
}

/// <summary>How far an alert got on one channel.</summary>
internal sealed record AlertDeliveryResource(string Channel, string Status, int Attempts, string? LastError, DateTimeOffset NextAt, DateTimeOffset? DeliveredAt);
