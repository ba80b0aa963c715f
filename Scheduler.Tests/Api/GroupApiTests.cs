using System.Net;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Api.Groups;
using EasyTask.Scheduler.Audit;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Api;

/// <summary><c>/api/v1/groups</c>: counts per group, and hold/release/activate/deactivate/run on every task of a group.</summary>
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class GroupApiTests(string provider)
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task List_CountsEachGroupsTasksByState_AndLeavesOutTasksWithoutGroup()
    {
        await CreateAsync(401, "count_a", "counting");
        await CreateAsync(402, "count_b", "counting", ",\"active\": false");
        await CreateAsync(403, "count_c", "counting");
        await CreateAsync(404, "count_lone", null);
        (await server.Http.PostAsync("api/v1/tasks/count_c/hold", null)).Dispose();

        var groups = await server.Http.GetFromJsonAsync<List<GroupResource>>("api/v1/groups", ApiJson.Options);

        var counting = groups!.Single(g => g.Group == "counting");
        Assert.That((counting.Tasks, counting.Active, counting.Inactive, counting.OnHold, counting.State), Is.EqualTo((3, 2, 1, 1, "mixed")));
        Assert.That(groups!.Select(g => g.Group), Does.Not.Contain(null).And.Not.Contain(""));
    }

    [Test]
    public async Task HoldThenRelease_ChangesEveryTaskOfTheGroupOnly_AndIsAudited()
    {
        await CreateAsync(411, "hold_a", "holding");
        await CreateAsync(412, "hold_b", "holding");
        await CreateAsync(413, "hold_other", "not_holding");

        var held = await PostAsync<GroupActionResource>("api/v1/groups/holding/hold");
        var whileHeld = await GroupAsync("holding");
        var other = await GroupAsync("not_holding");
        var released = await PostAsync<GroupActionResource>("api/v1/groups/holding/release");
        var afterRelease = await GroupAsync("holding");
        var audit = await server.Http.GetFromJsonAsync<List<AuditResource>>("api/v1/audit?target=/api/v1/groups/holding/hold", ApiJson.Options);

        Assert.That(held.Tasks, Is.EquivalentTo(new[] { "hold_a", "hold_b" }));
        Assert.That((whileHeld.OnHold, whileHeld.State), Is.EqualTo((2, "on_hold")));
        Assert.That(other.OnHold, Is.Zero, "a task of another group stays as it was");
        Assert.That(released.Count, Is.EqualTo(2));
        Assert.That((afterRelease.OnHold, afterRelease.State), Is.EqualTo((0, "active")));
        Assert.That(audit!.Single().Action, Is.EqualTo("POST /api/v1/groups/{group}/hold"));
        Assert.That(audit!.Single().Detail, Does.Contain("hold_a").And.Contain("hold_b"));
    }

    [Test]
    public async Task DeactivateThenActivate_SetsEveryTaskIdleThenActive()
    {
        await CreateAsync(421, "idle_a", "idling");
        await CreateAsync(422, "idle_b", "idling");

        await PostAsync<GroupActionResource>("api/v1/groups/idling/deactivate");
        var idle = await GroupAsync("idling");
        await PostAsync<GroupActionResource>("api/v1/groups/idling/activate");
        var active = await GroupAsync("idling");

        Assert.That((idle.Inactive, idle.State), Is.EqualTo((2, "inactive")));
        Assert.That((active.Active, active.State), Is.EqualTo((2, "active")));
    }

    [Test]
    public async Task Run_StartsOneRunPerTask_AndRefusesHeldTasksUnlessForced()
    {
        await CreateAsync(431, "run_a", "running");
        await CreateAsync(432, "run_b", "running");
        await CreateAsync(433, "run_c", "running");
        (await server.Http.PostAsync("api/v1/tasks/run_c/hold", null)).Dispose();

        using var refused = await server.Http.PostAsync("api/v1/groups/running/run", null);
        var refusedBody = await refused.Content.ReadAsStringAsync();
        var started = await PostAsync<GroupActionResource>("api/v1/groups/running/run?force=true");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(refusedBody, Does.Contain("run_c").And.Contain("on hold"));
        Assert.That(started.Runs!.Select(r => r.Task), Is.EquivalentTo(new[] { "run_a", "run_b", "run_c" }));
        Assert.That(started.Runs!.Select(r => r.RunId).Distinct().Count(), Is.EqualTo(3), "each task its own run");
        foreach (var task in new[] { "run_a", "run_b", "run_c" })
        {
            var runs = await server.Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task={task}", ApiJson.Options);
            Assert.That(runs, Has.Count.EqualTo(1), $"{task}: one run, none from the refused request");
        }
    }

    [Test]
    public async Task Operator_MayHoldAndRunButNotActivate_ViewerMayOnlyList()
    {
        await CreateAsync(441, "roles_a", "roles");
        using var operatorClient = await server.ClientAsync(Roles.Operator);
        using var viewer = await server.ClientAsync(Roles.Viewer);

        using var hold = await operatorClient.PostAsync("api/v1/groups/roles/hold", null);
        using var release = await operatorClient.PostAsync("api/v1/groups/roles/release", null);
        using var activate = await operatorClient.PostAsync("api/v1/groups/roles/activate", null);
        using var viewerHold = await viewer.PostAsync("api/v1/groups/roles/hold", null);
        using var viewerList = await viewer.GetAsync("api/v1/groups");

        Assert.That((hold.StatusCode, release.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(activate.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await activate.Content.ReadAsStringAsync(), Does.Contain("define"));
        Assert.That(viewerHold.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(viewerList.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Hold_ChangesNothing_WhenTheTokenMayNotTouchOneOfTheTasks()
    {
        await CreateAsync(451, "scope_a", "scoped");
        await CreateAsync(452, "scope_b", "scoped", ",\"run_on_host\": \"elsewhere\"");
        using var limited = await server.ClientAsync(Roles.Operator, hosts: ["localhost"]);

        using var response = await limited.PostAsync("api/v1/groups/scoped/hold", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("run_on_host"));
        Assert.That((await GroupAsync("scoped")).OnHold, Is.Zero);
    }

    [Test]
    public async Task Operations_Answer404NamingTheGroup_WhenNoTaskIsInIt()
    {
        using var response = await server.Http.PostAsync("api/v1/groups/no_such_group/hold", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no_such_group"));
    }

    [Test]
    public async Task OpenApiDocument_DescribesEveryGroupRoute()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await server.Http.GetStringAsync("openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/groups", "/api/v1/groups/{group}", "/api/v1/groups/{group}/hold", "/api/v1/groups/{group}/release",
            "/api/v1/groups/{group}/activate", "/api/v1/groups/{group}/deactivate", "/api/v1/groups/{group}/run",
        }));
    }

    private async Task CreateAsync(long tid, string name, string? group, string extra = "")
    {
        var json = SampleDefinitions.Task(tid, name, (group is null ? "" : $",\"group\": \"{group}\"") + extra);
        if (extra.Contains("run_on_host", StringComparison.Ordinal))
        {
            json = json.Replace("\"run_on_host\": \"localhost\",", "", StringComparison.Ordinal);
        }

        using var response = await server.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<GroupResource> GroupAsync(string group) =>
        (await server.Http.GetFromJsonAsync<GroupResource>($"api/v1/groups/{group}", ApiJson.Options))!;

    private async Task<T> PostAsync<T>(string path)
    {
        using var response = await server.Http.PostAsync(path, null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await RunningScheduler.ReadAsync<T>(response);
    }
}
