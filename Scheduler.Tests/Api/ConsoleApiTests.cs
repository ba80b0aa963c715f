using System.Net;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Api.Logs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Api;

/// <summary>The endpoints the web console reads: paged runs, log pages and search, the task overview, adhoc runs.</summary>
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class ConsoleApiTests(string provider)
{
    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task RunsPage_ReturnsTheRequestedSliceAndTheTotal_FilteredByNameStatusAndTime()
    {
        var now = TimeProvider.System.GetUtcNow();
        await CreateRunsAsync(Enumerable.Range(0, 30).Select(i => new NewRun(9100, "Page_Alpha", now.AddMinutes(-i), "h1", Status: RunStatus.Success, Reason: "exit_code")));
        await CreateRunsAsync(Enumerable.Range(0, 5).Select(i => new NewRun(9101, "page_beta", now.AddMinutes(-i), "h1", Status: RunStatus.Failed, Reason: "exit_code")));
        await CreateRunsAsync([new NewRun(9101, "page_beta", now.AddDays(-2), "h1", Status: RunStatus.Failed, Reason: "exit_code")]);

        var second = await PageAsync("name=page_al&limit=10&offset=10");
        var failedToday = await PageAsync("name=PAGE_&status=FAILED&since=24h");
        var literalUnderscore = await PageAsync("name=e_a");

        Assert.That(second.Total, Is.EqualTo(30));
        Assert.That(second.Runs.Select(r => r.ScheduledFor), Is.EqualTo(Enumerable.Range(10, 10).Select(i => now.AddMinutes(-i)).Select(Millis)), "newest first, rows 11-20");
        Assert.That((failedToday.Total, failedToday.Runs.All(r => r is { Task: "page_beta", Status: "FAILED" })), Is.EqualTo((5L, true)));
        Assert.That(literalUnderscore.Total, Is.EqualTo(30), "_ in the search is a character, not a wildcard");
    }

    [Test]
    public async Task RunsPage_Returns400NamingTheField_WhenAFilterIsInvalid()
    {
        foreach (var (query, field) in new[] { ("status=DONE", "status"), ("limit=0", "limit"), ("since=yesterday", "since"), ("offset=-1", "offset") })
        {
            using var response = await server.Http.GetAsync($"api/v1/runs/page?{query}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), query);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"{field}\""), query);
        }
    }

    [Test]
    public async Task LogPage_GivesFiveHundredLinesAPage_AndTheLastPageWhenNoneIsAsked()
    {
        var run = (await CreateRunsAsync([new NewRun(9200, "log_pages", TimeProvider.System.GetUtcNow(), "h1", Status: RunStatus.Success)]))[0];
        var output = server.Services.GetRequiredService<IOutputStore>();
        var text = string.Concat(Enumerable.Range(1, 1234).Select(i => $"line {i}\n"));
        await output.AppendAsync(run.RunId, 1, "stdout", 1, text[..5000], CancellationToken.None);
        await output.AppendAsync(run.RunId, 1, "stdout", 2, text[5000..], CancellationToken.None);

        var last = await server.Http.GetFromJsonAsync<LogPageResource>($"api/v1/runs/{run.RunId}/log", ApiJson.Options);
        var first = await server.Http.GetFromJsonAsync<LogPageResource>($"api/v1/runs/{run.RunId}/log?page=1", ApiJson.Options);
        var search = await server.Http.GetFromJsonAsync<LogSearchResource>($"api/v1/runs/{run.RunId}/log/search?q=LINE%20123", ApiJson.Options);

        Assert.That((last!.Page, last.Pages, last.TotalLines, last.FirstLine, last.Lines.Count, last.Lines[^1]), Is.EqualTo((3, 3, 1234, 1001, 234, "line 1234")));
        Assert.That((first!.Lines.Count, first.Lines[0], first.Lines[499]), Is.EqualTo((500, "line 1", "line 500")));
        Assert.That(search!.Lines, Is.EqualTo(new[] { 123, 1230, 1231, 1232, 1233, 1234 }));
    }

    [Test]
    public async Task LogPage_Returns404_WhenTheRunDoesNotExist()
    {
        using var response = await server.Http.GetAsync("api/v1/runs/no-such-run/log");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Adhoc_CreatesARunFlaggedAdhoc_OnTheChosenAgent()
    {
        using var response = await server.Http.PostAsync("api/v1/adhoc", Json("""{"cmd": "uptime", "host": "web-07", "owner": "deploy", "max_run_time": 30}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var run = await RunningScheduler.ReadAsync<RunResource>(response);
        var shown = await server.Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options);
        Assert.That((shown!.Adhoc, shown.Task, shown.Host, shown.Status), Is.EqualTo((true, "adhoc", "web-07", "TRIGGER")));
        Assert.That(shown.Events![0].Detail, Does.Contain("as deploy: uptime"));
    }

    [Test]
    public async Task AdhocCli_StartsTheCommandGivenAfterTheDoubleDash_OnTheHost()
    {
        var cli = await CliRun.RunAsync("adhoc", "--host", "db-02", "--owner", "postgres", "--max-run-time", "20", "--server", server.Url, "--token", server.AdminToken, "--json", "--", "psql", "-c", "select 1");

        Assert.That(cli.ExitCode, Is.EqualTo(0), cli.Error);
        var run = System.Text.Json.JsonSerializer.Deserialize<RunResource>(cli.Output, ApiJson.Options)!;
        var shown = await server.Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options);
        Assert.That((shown!.Adhoc, shown.Host), Is.EqualTo((true, "db-02")));
        Assert.That(shown.Events![0].Detail, Does.EndWith("as postgres: psql -c select 1"));
    }

    [Test]
    public async Task Adhoc_Returns400NamingEachField_WhenTheRequestIsInvalid()
    {
        using var response = await server.Http.PostAsync("api/v1/adhoc", Json("""{"cmd": " ", "host": "no such host!", "max_run_time": -5}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(new[] { "\"cmd\"", "\"host\"", "\"max_run_time\"" }.All(body.Contains), Is.True, body);
    }

    [Test]
    public async Task Stream_SendsEachStatusChange_AndResumesAfterTheLastEventId()
    {
        using var client = await server.ClientAsync("viewer");
        using var live = await client.GetAsync("api/v1/stream?task=stream_task", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(live.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await live.Content.ReadAsStreamAsync());
        Assert.That(await reader.ReadLineAsync(), Is.EqualTo("retry: 2000"));

        var run = (await CreateRunsAsync([new NewRun(9300, "stream_task", TimeProvider.System.GetUtcNow(), "h1", Status: RunStatus.Failed, Reason: "missed")]))[0];
        var frame = await ReadEventAsync(reader);

        Assert.That(frame.Event, Is.EqualTo("run"));
        Assert.That(frame.Data, Does.Contain(run.RunId).And.Contain("\"status\":\"FAILED\""));

        using var resumed = new HttpRequestMessage(HttpMethod.Get, "api/v1/stream?task=stream_task");
        resumed.Headers.Add("Last-Event-ID", (long.Parse(frame.Id!, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var again = await client.SendAsync(resumed, HttpCompletionOption.ResponseHeadersRead);
        using var replay = new StreamReader(await again.Content.ReadAsStreamAsync());
        Assert.That((await ReadEventAsync(replay)).Id, Is.EqualTo(frame.Id), "the missed event is sent again");
    }

    [Test]
    public async Task TaskOverview_ShowsScheduleInWordsDependenciesAndTheLatestRun()
    {
        await server.Http.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(9400, "overview_up")));
        await server.Http.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(9401, "overview_down", ",\"depends_on\": [{\"task\": \"overview_up\", \"on\": \"done\"}], \"group\": \"g1\"")));
        await CreateRunsAsync([new NewRun(9400, "overview_up", TimeProvider.System.GetUtcNow(), "h1", Status: RunStatus.Failed, Reason: "exit_code")]);

        var tasks = await server.Http.GetFromJsonAsync<List<TaskOverviewResource>>("api/v1/task-overview", ApiJson.Options);

        var up = tasks!.Single(t => t.Name == "overview_up");
        var down = tasks!.Single(t => t.Name == "overview_down");
        Assert.That((up.LastRun?.Status, up.NextRun.HasValue), Is.EqualTo(("FAILED", true)));
        Assert.That(up.Schedule, Does.StartWith("08:30 "));
        Assert.That((down.Group, down.DependsOn.Single()), Is.EqualTo(("g1", new DependencyResource("overview_up", "done"))));
    }

    private static DateTimeOffset Millis(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<RunPageResource> PageAsync(string query) =>
        (await server.Http.GetFromJsonAsync<RunPageResource>($"api/v1/runs/page?{query}", ApiJson.Options))!;

    private async Task<IReadOnlyList<RunRecord>> CreateRunsAsync(IEnumerable<NewRun> runs)
    {
        var created = await server.Services.GetRequiredService<IRunStore>().CreateAsync(runs.ToList(), "test", CancellationToken.None);
        return created.Select(c => c.Run).ToList();
    }

    private static async Task<(string? Id, string? Event, string Data)> ReadEventAsync(StreamReader reader)
    {
        string? id = null, kind = null;
        var data = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && kind is not null)
            {
                return (id, kind, data.ToString());
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Append(line[6..]);
        }

        throw new EndOfStreamException("the stream ended");
    }
}
