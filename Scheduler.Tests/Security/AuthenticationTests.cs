using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Audit;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>Tokens, owner and host limits, JSON-only bodies, the Host allowlist, the console session, the audit trail.</summary>
[Category("Integration")]
internal sealed class AuthenticationTests
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Sqlite));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task Request_Answers401_WhenTokenIsUnknown()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "et_not-a-real-token");

        using var response = await client.GetAsync("api/v1/tasks");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var audit = await server.Http.GetFromJsonAsync<List<AuditResource>>("api/v1/audit", ApiJson.Options);
        Assert.That(audit!.Any(e => e.Action == "login.refused" && e.Target == "/api/v1/tasks"), Is.True, "refused logins are audited");
    }

    [Test]
    public async Task Request_Answers401_WhenTokenWasRevoked()
    {
        using var created = await server.Http.PostAsync("api/v1/tokens", Json("""{"name": "short-lived", "role": "viewer"}"""));
        var token = (await RunningScheduler.ReadAsync<TokenResource>(created)).Token!;
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That((await client.GetAsync("api/v1/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revoked = await server.Http.DeleteAsync("api/v1/tokens/short-lived");

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync("api/v1/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var listed = await server.Http.GetStringAsync("api/v1/tokens");
        Assert.That(listed, Does.Not.Contain(token).And.Not.Contain(ApiTokens.HashOf(token)), "neither the token nor its hash is ever shown");
    }

    [TestCase("root")]
    [TestCase("etl")]
    public async Task Insert_Answers403NamingTheOwner_WhenTokenIsLimitedToAnotherOwner(string owner)
    {
        using var batchOnly = await server.ClientAsync(Roles.Admin, owners: ["batch"]);

        using var response = await batchOnly.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(7000 + owner.Length, $"as_{owner}").Replace("\"admin\"", $"\"{owner}\"", StringComparison.Ordinal)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("task_owner").And.Contain(owner));
        Assert.That((await server.Http.GetAsync($"api/v1/tasks/as_{owner}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing stored");
    }

    [Test]
    public async Task Insert_Succeeds_WhenOwnerAndHostAreWithinTheTokensLimits()
    {
        using var limited = await server.ClientAsync(Roles.Admin, owners: ["batch"], hosts: ["localhost"]);

        using var response = await limited.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(7100, "as_batch").Replace("\"admin\"", "\"batch\"", StringComparison.Ordinal)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Post_Answers415_WhenBodyIsTextPlain()
    {
        using var response = await server.Http.PostAsync("api/v1/tasks", new StringContent(SampleDefinitions.Task(7200, "plain_text"), Encoding.UTF8, "text/plain"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((await server.Http.GetAsync("api/v1/tasks/plain_text")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Post_Answers413_WhenBodyIsOverOneMebibyte()
    {
        var huge = SampleDefinitions.Task(7300, "huge", $",\"description\": \"{new string('x', 1_100_000)}\"");

        using var response = await server.Http.PostAsync("api/v1/tasks", Json(huge));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Request_Answers400_WhenHostHeaderIsForeign()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tasks");
        request.Headers.Host = "attacker.example";

        using var response = await server.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Preflight_CarriesNoCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "api/v1/tasks");
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await server.Http.SendAsync(request);

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task ConsoleSession_SignsInWithAToken_AndTheCookieIsStrict()
    {
        using var created = await server.Http.PostAsync("api/v1/tokens", Json("""{"name": "console-user", "role": "operator"}"""));
        var token = (await RunningScheduler.ReadAsync<TokenResource>(created)).Token!;
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using var signIn = await browser.PostAsync("api/v1/session", Json($$"""{"token": "{{token}}"}"""));
        var whoAmI = await browser.GetStringAsync("api/v1/session");
        using var forbidden = await browser.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(7400, "from_console")));

        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("easytask.session", StringComparison.Ordinal)), Does.Contain("samesite=strict").IgnoreCase.And.Contain("httponly").IgnoreCase);
        Assert.That(whoAmI, Does.Contain("console-user").And.Contain("operator"));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task AuditTrail_RecordsWhoChangedWhatWithVersions()
    {
        using var created = await server.Http.PostAsync("api/v1/tokens", Json("""{"name": "auditor-check", "role": "admin"}"""));
        var token = (await RunningScheduler.ReadAsync<TokenResource>(created)).Token!;
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await client.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(7500, "audited")));
        using var update = new HttpRequestMessage(HttpMethod.Put, "api/v1/tasks/audited") { Content = Json(SampleDefinitions.Task(7500, "audited", ",\"description\": \"changed\"")) };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await client.SendAsync(update);
        await client.PostAsync("api/v1/tasks/audited/hold", null);

        var entries = await server.Http.GetFromJsonAsync<List<AuditResource>>("api/v1/audit?who=auditor-check", ApiJson.Options);

        Assert.That(entries!.Select(e => (e.Action, e.Outcome, e.BeforeVersion, e.AfterVersion)), Is.EqualTo(new (string, int, long?, long?)[]
        {
            ("POST /api/v1/tasks/{name}/hold", 200, null, 2), // operator state: hold keeps the definition version
            ("PUT /api/v1/tasks/{name}", 200, 1, 2),
            ("POST /api/v1/tasks/", 201, null, 1),
        }));
        Assert.That(entries!.All(e => e.Source == "127.0.0.1"), Is.True);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
