using System.Collections.Concurrent;
using System.Net.Http.Headers;
using EasyTask.Scheduler.Security;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>
/// API tokens for tests. A scheduler started by the tests gets an admin token at once (<see cref="RunningScheduler.AdminToken"/>,
/// already on <see cref="RunningScheduler.Http"/>), and <see cref="CliRun"/> adds <c>--token</c> for any <c>--server</c> it knows.
/// </summary>
internal static class TestTokens
{
    private static readonly ConcurrentDictionary<string, string> ByServer = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a token straight through the scheduler's services (as `token create --db` would).</summary>
    public static async Task<string> CreateAsync(IServiceProvider services, string role, IReadOnlyList<string>? owners = null, IReadOnlyList<string>? hosts = null, string? name = null)
    {
        var tokens = services.GetRequiredService<ApiTokens>();
        var created = await tokens.CreateAsync(
            new TokenRequest(name ?? $"test-{role}-{Guid.NewGuid():N}"[..24], role, owners ?? [], hosts ?? [], null), "test harness", CancellationToken.None);
        return created.Token;
    }

    /// <summary>Makes an admin token, puts it on <paramref name="http"/> and remembers it for <see cref="CliRun"/> calls to <paramref name="url"/>.</summary>
    public static async Task<string> AuthorizeAsync(IServiceProvider services, HttpClient http, string url)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = await CreateAsync(services, Roles.Admin, name: "test-admin-" + Guid.NewGuid().ToString("N")[..8]);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        ByServer[url.TrimEnd('/')] = token;
        return token;
    }

    public static string? ForServer(string url) => ByServer.TryGetValue(url.TrimEnd('/'), out var token) ? token : null;

    public static void Forget(string url) => ByServer.TryRemove(url.TrimEnd('/'), out _);
}
