using System.Text.Json;
using EasyTask.Scheduler.Audit;
using EasyTask.Scheduler.Security;

namespace EasyTask.Scheduler.Cli;

internal sealed partial class SchedulerClient
{
    public Task<TokenResource> CreateTokenAsync(TokenCreateBody body, CancellationToken ct) =>
        SendAsync<TokenResource>(HttpMethod.Post, "api/v1/tokens", JsonSerializer.Serialize(body, Api.ApiJson.Options), ct);

    public Task<List<TokenResource>> ListTokensAsync(CancellationToken ct) =>
        SendAsync<List<TokenResource>>(HttpMethod.Get, "api/v1/tokens", null, ct);

    public async Task RevokeTokenAsync(string name, CancellationToken ct) =>
        await SendAsync<object>(HttpMethod.Delete, $"api/v1/tokens/{Uri.EscapeDataString(name)}", null, ct);

    public Task<List<AuditResource>> AuditAsync(string? since, string? who, string? target, CancellationToken ct)
    {
        var query = string.Join('&', new[] { ("since", since), ("who", who), ("target", target) }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        return SendAsync<List<AuditResource>>(HttpMethod.Get, "api/v1/audit" + (query.Length > 0 ? "?" + query : ""), null, ct);
    }
}
