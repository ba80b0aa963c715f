using System.Net;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>
/// Every route the scheduler maps, found from its EndpointDataSource (so a route added later is covered too):
/// no identity gets 401, a role without the permission gets 403. Only the listed routes may be open.
/// </summary>
[Category("Integration")]
internal sealed class RouteProtectionTests
{
    private static readonly HashSet<string> OpenRoutes =
    [
        "GET /health", "GET /health/ready", "POST /api/v1/session", "GET /login",
    ];

    private static readonly HashSet<string> OperatorVerbs = ["run", "kill", "hold", "release", "retry", "dismiss", "rerun", "restart", "cancel", "acknowledge", "ack", "skip"];

    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task EveryRoute_Answers401_WhenCallerHasNoIdentity()
    {
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        var failures = new List<string>();
        var routes = Routes();

        foreach (var (method, pattern, path) in routes.Where(r => !OpenRoutes.Contains($"{r.Method} {r.Pattern}")))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.That(routes, Has.Count.GreaterThan(20), "the enumeration found the API's routes");
        Assert.That(failures, Is.Empty, "routes that answered without an identity");
    }

    [Test]
    public void OnlyTheListedRoutes_AreOpen()
    {
        var open = Endpoints()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            .SelectMany(e => MethodsOf(e).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.That(open, Is.EquivalentTo(OpenRoutes));
    }

    [Test]
    public void TheEnumeration_FindsTheGroupOperations()
    {
        var routes = Routes().Select(r => $"{r.Method} {r.Pattern}").ToList();

        Assert.That(routes, Is.SupersetOf(new[]
        {
            "GET /api/v1/groups/", "POST /api/v1/groups/{group}/hold", "POST /api/v1/groups/{group}/release",
            "POST /api/v1/groups/{group}/activate", "POST /api/v1/groups/{group}/deactivate", "POST /api/v1/groups/{group}/run",
        }));
    }

    [TestCase(Roles.Viewer)]
    [TestCase(Roles.Operator)]
    public async Task EveryRouteBeyondTheRole_Answers403NamingThePermission(string role)
    {
        using var client = await server.ClientAsync(role);
        var failures = new List<string>();
        var checkedRoutes = 0;

        foreach (var (method, pattern, path) in Routes().Where(r => !OpenRoutes.Contains($"{r.Method} {r.Pattern}") && !Allowed(role, r.Method, r.Pattern)))
        {
            checkedRoutes++;
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("permission", StringComparison.Ordinal))
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode} {body}");
            }
        }

        Assert.That(checkedRoutes, Is.GreaterThan(3));
        Assert.That(failures, Is.Empty, $"routes a {role} could call although its role should not allow them");
    }

    /// <summary>What the product promises each role, written independently of the code that enforces it.</summary>
    private static bool Allowed(string role, string method, string pattern)
    {
        var adminOnlyReads = pattern.StartsWith("/api/v1/tokens", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/audit", StringComparison.Ordinal);
        var adhoc = pattern.Contains("adhoc", StringComparison.OrdinalIgnoreCase);
        if (method is "GET" or "HEAD")
        {
            return !adminOnlyReads && !adhoc;
        }

        // Signing out of one's own console session is not a change to anything.
        if (method == "DELETE" && pattern == "/api/v1/session")
        {
            return true;
        }

        var last = pattern.TrimEnd('/').Split('/')[^1];
        return role == Roles.Operator && method == "POST" && !adhoc && OperatorVerbs.Contains(last);
    }

    private List<RouteEndpoint> Endpoints() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private List<(string Method, string Pattern, string Path)> Routes() =>
        Endpoints().SelectMany(e => MethodsOf(e).Select(m => (m, e.RoutePattern.RawText ?? "", PathOf(e.RoutePattern)))).ToList();

    private static IEnumerable<string> MethodsOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart => "x",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
