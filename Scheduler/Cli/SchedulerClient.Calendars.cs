using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary>Calendars and hold/release through the API.</summary>
internal sealed partial class SchedulerClient
{
    public Task<CalendarResource> UpsertCalendarAsync(string json, CancellationToken ct) =>
        SendAsync<CalendarResource>(HttpMethod.Post, "api/v1/calendars", json, ct);

    public Task<List<CalendarResource>> ListCalendarsAsync(CancellationToken ct) =>
        SendAsync<List<CalendarResource>>(HttpMethod.Get, "api/v1/calendars", null, ct);

    public Task<CalendarResource> GetCalendarAsync(string name, CancellationToken ct) =>
        SendAsync<CalendarResource>(HttpMethod.Get, $"api/v1/calendars/{Uri.EscapeDataString(name)}", null, ct);

    public async Task DeleteCalendarAsync(string name, CancellationToken ct) =>
        await SendAsync<object>(HttpMethod.Delete, $"api/v1/calendars/{Uri.EscapeDataString(name)}", null, ct);

    public Task<TaskResource> SetHoldAsync(string name, bool onHold, CancellationToken ct) =>
        SendAsync<TaskResource>(HttpMethod.Post, $"api/v1/tasks/{Uri.EscapeDataString(name)}/{(onHold ? "hold" : "release")}", null, ct);
}
