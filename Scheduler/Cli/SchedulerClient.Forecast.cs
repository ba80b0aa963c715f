using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary>Forecasts of stored tasks, computed by the server.</summary>
internal sealed partial class SchedulerClient
{
    public Task<List<ForecastOccurrence>> ForecastAsync(string name, string? from, int days, CancellationToken ct) =>
        SendAsync<List<ForecastOccurrence>>(HttpMethod.Get, ForecastPath(name, "", from, days), null, ct);

    public Task<List<SkippedDayResource>> SkippedDaysAsync(string name, string? from, int days, CancellationToken ct) =>
        SendAsync<List<SkippedDayResource>>(HttpMethod.Get, ForecastPath(name, "/skipped-days", from, days), null, ct);

    private static string ForecastPath(string name, string suffix, string? from, int days) =>
        $"api/v1/tasks/{Uri.EscapeDataString(name)}/forecast{suffix}?days={days}{(from is null ? "" : "&from=" + Uri.EscapeDataString(from))}";
}
