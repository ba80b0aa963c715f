using System.Net;
using System.Text;
using System.Text.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Api;

[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class CalendarApiTests(string provider)
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task Post_Returns201AndGetShowsTheDates_WhenCalendarIsNew()
    {
        using var response = await PostAsync(Calendar("API_NEW", "2026-12-31", "2026-03-31"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/api/v1/calendars/API_NEW"));
        var fetched = await RunningScheduler.ReadAsync<CalendarResource>(await server.Http.GetAsync("api/v1/calendars/API_NEW"));
        Assert.That(fetched.Dates, Is.EqualTo(new[] { new DateOnly(2026, 3, 31), new DateOnly(2026, 12, 31) }));
        Assert.That(fetched.BuiltIn, Is.False);
        Assert.That(fetched.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Post_Returns200AndReplacesDates_WhenCalendarExists()
    {
        using var first = await PostAsync(Calendar("API_REPLACE", "2026-01-02"));

        using var second = await PostAsync(Calendar("API_REPLACE", "2026-05-05"));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var replaced = await RunningScheduler.ReadAsync<CalendarResource>(second);
        Assert.That(replaced.Version, Is.EqualTo(2));
        Assert.That(replaced.Dates, Is.EqualTo(new[] { new DateOnly(2026, 5, 5) }));
    }

    [Test]
    public async Task Post_Returns400NamingEachField_WhenCalendarIsInvalid()
    {
        using var response = await PostAsync("""{ "name": "API BAD", "dates": ["2026-02-30"], "colour": "red" }""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EquivalentTo(new[] { "name", "dates[0]", "colour" }));
    }

    [Test]
    public async Task Post_Returns400SayingItIsBuiltIn_WhenNameIsUsHolidays()
    {
        using var response = await PostAsync(Calendar("US_HOLIDAYS", "2026-01-02"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ProblemText.ReadAsync(response), Does.Contain("is a built-in calendar and cannot be redefined"));
    }

    [Test]
    public async Task List_ShowsBuiltInUsHolidaysFirst_ThenCustomCalendarsByName()
    {
        using var b = await PostAsync(Calendar("API_LIST_B", "2026-01-02"));
        using var a = await PostAsync(Calendar("API_LIST_A", "2026-01-02"));

        var calendars = await RunningScheduler.ReadAsync<List<CalendarResource>>(await server.Http.GetAsync("api/v1/calendars"));

        Assert.That(calendars[0].Name, Is.EqualTo("US_HOLIDAYS"));
        Assert.That(calendars[0].BuiltIn, Is.True);
        Assert.That(calendars[0].Holidays!.Select(h => h.Name), Does.Contain("Thanksgiving Day"));
        var custom = calendars.Skip(1).Select(c => c.Name).ToList();
        Assert.That(custom, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal).And.SupersetOf(new[] { "API_LIST_A", "API_LIST_B" }));
        Assert.That(calendars.Skip(1).Select(c => c.BuiltIn), Has.All.False);
    }

    [Test]
    public async Task Delete_Returns204Then404_WhenCalendarIsUnused()
    {
        using var created = await PostAsync(Calendar("API_DELETE", "2026-01-02"));

        using var deleted = await server.Http.DeleteAsync("api/v1/calendars/API_DELETE");
        using var again = await server.Http.DeleteAsync("api/v1/calendars/API_DELETE");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await server.Http.GetAsync("api/v1/calendars/API_DELETE")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_Returns409NamingTheTasks_WhenCalendarIsInUse()
    {
        using var created = await PostAsync(Calendar("API_IN_USE", "2026-01-02"));
        using var task = await PostTaskAsync(SampleDefinitions.Task(301, "api_cal_user", ",\"calendar\": \"API_IN_USE\""));
        Assert.That(task.StatusCode, Is.EqualTo(HttpStatusCode.Created), await task.Content.ReadAsStringAsync());

        using var response = await server.Http.DeleteAsync("api/v1/calendars/API_IN_USE");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await ProblemText.ReadAsync(response), Does.Contain("used by 1 task: api_cal_user"));
        Assert.That((await server.Http.GetAsync("api/v1/calendars/API_IN_USE")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still there");
    }

    [Test]
    public async Task Delete_Returns409_WhenCalendarIsBuiltIn()
    {
        using var response = await server.Http.DeleteAsync("api/v1/calendars/US_HOLIDAYS");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await ProblemText.ReadAsync(response), Does.Contain("built-in calendar and cannot be deleted"));
    }

    [Test]
    public async Task TaskPost_AcceptsTheCustomCalendar_OnlyOnceItIsInserted()
    {
        var body = SampleDefinitions.Task(302, "api_cal_later", ",\"calendar\": \"API_LATER\"");
        using var before = await PostTaskAsync(body);

        using var calendar = await PostAsync(Calendar("API_LATER", "2026-01-02"));
        using var after = await PostTaskAsync(body);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ProblemText.ReadAsync(before), Does.Contain("\"API_LATER\" is not a known calendar"));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created), await after.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Post_ReschedulesTasksNamingIt_WhenCalendarIsReplaced()
    {
        using var created = await PostAsync(Calendar("API_FOLLOW", "2030-01-02"));
        using var task = await PostTaskAsync(SampleDefinitions.Task(303, "api_cal_follow", ",\"calendar\": \"API_FOLLOW\""));
        var day = new DateOnly(2030, 1, 3);
        Assert.That(EngineExclusion("api_cal_follow", day), Is.Null);

        using var replaced = await PostAsync(Calendar("API_FOLLOW", "2030-01-03"));

        Assert.That(EngineExclusion("api_cal_follow", day), Does.Contain("API_FOLLOW"), "the engine skips the new date without a restart");
    }

    /// <summary>Why the running engine would not fire the task on that day (null: it would).</summary>
    private string? EngineExclusion(string task, DateOnly day) =>
        server.Services.GetRequiredService<TaskRegistry>().Find(task)!.Schedule.DayExclusion(day);

    private static string Calendar(string name, params string[] dates) =>
        $$"""{ "name": "{{name}}", "description": "test", "dates": [{{string.Join(", ", dates.Select(d => $"\"{d}\""))}}] }""";

    private Task<HttpResponseMessage> PostAsync(string json) =>
        server.Http.PostAsync("api/v1/calendars", new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PostTaskAsync(string json) =>
        server.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json"));
}
