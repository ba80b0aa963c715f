using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Api;

[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class TaskApiTests(string provider)
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task Post_StoresTaskAtVersionOne_WhenDefinitionIsValid()
    {
        using var response = await PostAsync(SampleDefinitions.Task(101, "api_insert"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await RunningScheduler.ReadAsync<TaskResource>(response);
        Assert.That(created.Version, Is.EqualTo(1));
        var fetched = await RunningScheduler.ReadAsync<TaskResource>(await server.Http.GetAsync("api/v1/tasks/api_insert"));
        Assert.That(fetched.Definition.Cmd, Is.EqualTo("echo hello"));
        Assert.That(fetched.Definition.TriggerTimes, Is.EqualTo("08:30"));
        Assert.That(fetched.Source, Does.Contain("api from"));
    }

    [Test]
    public async Task Post_Returns400NamingEachField_WhenDefinitionIsInvalid()
    {
        var body = SampleDefinitions.Task(102, "api_invalid", ",\"calendar\": \"NO_SUCH\", \"color\": \"red\"")
            .Replace("America/New_York", "Mars/Olympus", StringComparison.Ordinal);

        using var response = await PostAsync(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EquivalentTo(new[] { "timezone", "calendar", "color" }));
        Assert.That((await server.Http.GetAsync("api/v1/tasks/api_invalid")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing half-written");
    }

    [Test]
    public async Task Post_Returns400WithLineAndPosition_WhenJsonIsMalformed()
    {
        using var response = await PostAsync("{\n  \"tid\": 5,\n  \"name\": oops\n}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("malformed JSON at line 3"));
    }

    [TestCase(103, "api_dup_name_other", TestName = "Post_Returns409_WhenTidExists")]
    [TestCase(104, "api_dup_name", TestName = "Post_Returns409_WhenNameExists")]
    public async Task Post_Returns409_WhenTidOrNameExists(long tid, string name)
    {
        using var first = await PostAsync(SampleDefinitions.Task(103, "api_dup_name"));
        Assert.That(first.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict));

        using var second = await PostAsync(SampleDefinitions.Task(tid, name));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("already exists"));
    }

    [Test]
    public async Task Put_Returns409AndKeepsTask_WhenVersionIsStale()
    {
        using var created = await PostAsync(SampleDefinitions.Task(105, "api_update"));
        using var update = await PutAsync("api_update", SampleDefinitions.Task(105, "api_update").Replace("08:30", "09:15", StringComparison.Ordinal), version: 1);
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await RunningScheduler.ReadAsync<TaskResource>(update)).Version, Is.EqualTo(2));

        using var stale = await PutAsync("api_update", SampleDefinitions.Task(105, "api_update").Replace("08:30", "23:00", StringComparison.Ordinal), version: 1);

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var current = await RunningScheduler.ReadAsync<TaskResource>(await server.Http.GetAsync("api/v1/tasks/api_update"));
        Assert.That(current.Definition.TriggerTimes, Is.EqualTo("09:15"));
        Assert.That(current.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Put_Returns400_WhenBodyRenamesTheTask()
    {
        using var created = await PostAsync(SampleDefinitions.Task(106, "api_rename"));

        using var response = await PutAsync("api_rename", SampleDefinitions.Task(106, "api_renamed"), version: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"name\""));
    }

    [Test]
    public async Task Put_Returns400NamingTheCycle_WhenDependenciesWouldLoop()
    {
        using var first = await PostAsync(SampleDefinitions.Task(111, "api_cycle_a"));
        using var second = await PostAsync(SampleDefinitions.Task(112, "api_cycle_b", ",\"depends_on\": [\"api_cycle_a\"]"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var looped = await PutAsync("api_cycle_a", SampleDefinitions.Task(111, "api_cycle_a", ",\"depends_on\": [\"api_cycle_b\"]"), version: null);

        Assert.That(looped.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await looped.Content.ReadAsStringAsync(), Does.Contain("depends_on").And.Contain("api_cycle_a → api_cycle_b → api_cycle_a"));
    }

    [Test]
    public async Task Delete_RemovesTask_ThenAnswers404()
    {
        using var created = await PostAsync(SampleDefinitions.Task(107, "api_delete"));

        using var deleted = await server.Http.DeleteAsync("api/v1/tasks/api_delete");
        using var again = await server.Http.DeleteAsync("api/v1/tasks/api_delete");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await server.Http.GetAsync("api/v1/tasks/api_delete")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Deactivate_MakesTaskInactive_AndActivateRestoresIt()
    {
        using var created = await PostAsync(SampleDefinitions.Task(108, "api_toggle"));

        var off = await RunningScheduler.ReadAsync<TaskResource>(await server.Http.PostAsync("api/v1/tasks/api_toggle/deactivate", null));
        var on = await RunningScheduler.ReadAsync<TaskResource>(await server.Http.PostAsync("api/v1/tasks/api_toggle/activate", null));

        Assert.That(off.Active, Is.False);
        Assert.That(off.Definition.Active, Is.False);
        Assert.That(on.Active, Is.True);
        Assert.That(on.Version, Is.EqualTo(1), "toggles do not bump the definition version");
    }

    [Test]
    public async Task List_ReturnsTasksOrderedByName()
    {
        using var b = await PostAsync(SampleDefinitions.Task(110, "api_list_b"));
        using var a = await PostAsync(SampleDefinitions.Task(109, "api_list_a"));

        var names = (await RunningScheduler.ReadAsync<List<TaskResource>>(await server.Http.GetAsync("api/v1/tasks"))).Select(t => t.Name).ToList();

        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(names, Is.SupersetOf(new[] { "api_list_a", "api_list_b" }));
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        server.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PutAsync(string name, string json, long? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/tasks/{name}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (version is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return server.Http.SendAsync(request);
    }
}
