using System.Net;
using System.Text;
using System.Text.Json;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Api;

[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class ForecastApiTests(string provider)
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));
        var invoice = File.ReadAllText(Path.Combine(RepositoryPaths.Shared("examples/tasks"), "generate_invoice.json"));
        using var response = await server.Http.PostAsync("api/v1/tasks", new StringContent(invoice, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task Get_ReturnsRunsWithUtcAndLocalTimes_ForAStoredTask()
    {
        using var response = await server.Http.GetAsync("api/v1/tasks/Generate_Invoice/forecast?from=2026-11-22&days=7");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var runs = body.RootElement.EnumerateArray().Select(e => (e.GetProperty("utc").GetString(), e.GetProperty("local").GetString())).ToList();
        Assert.That(runs, Has.Count.EqualTo(4));
        Assert.That(runs[0], Is.EqualTo(("2026-11-23T12:00:00Z", "2026-11-23T07:00:00-05:00")));
        Assert.That(runs.Select(r => r.Item2), Has.None.StartsWith("2026-11-26"), "Thanksgiving is skipped");
    }

    [Test]
    public async Task GetSkippedDays_NamesTheHoliday_WhenTheCalendarTakesADayOut()
    {
        var days = await RunningScheduler.ReadAsync<List<SkippedDayResource>>(
            await server.Http.GetAsync("api/v1/tasks/Generate_Invoice/forecast/skipped-days?from=2026-11-22&days=7"));

        Assert.That(days, Is.EqualTo(new[] { new SkippedDayResource(new DateOnly(2026, 11, 26), "US_HOLIDAYS", "Thanksgiving Day") }));
    }

    [TestCase("days=0", "days")]
    [TestCase("days=3661", "days")]
    [TestCase("from=yesterday", "from")]
    public async Task Get_Returns400NamingTheParameter_WhenItIsInvalid(string query, string field)
    {
        using var response = await server.Http.GetAsync($"api/v1/tasks/Generate_Invoice/forecast?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Get_Returns404_WhenTaskDoesNotExist()
    {
        using var response = await server.Http.GetAsync("api/v1/tasks/no_such_task/forecast");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await ProblemText.ReadAsync(response), Does.Contain("no task named \"no_such_task\""));
    }
}
