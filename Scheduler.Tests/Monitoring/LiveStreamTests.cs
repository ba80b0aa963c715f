using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Monitoring;

/// <summary>
/// The one live stream (<c>/api/v1/stream</c>) on a real scheduler running real processes (standalone, in-process
/// agent) over real SQLite and PostgreSQL, and the CLI's <c>--follow</c> commands that read it.
/// </summary>
[Category("Integration")]
[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
internal sealed class LiveStreamTests(string provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    // Each output line says when it was printed (epoch milliseconds), so the test can tell how late it arrived.
    private const string Stamped = "sleep 1; echo \\\"at $(date +%s%3N)\\\"; sleep 1; echo \\\"at $(date +%s%3N)\\\"";

    private string folder = "";
    private RunningScheduler server = null!;
    private HttpClient streaming = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        folder = Directory.CreateTempSubdirectory("easytask-stream-").FullName;
        server = await RunningScheduler.StartAsync(
            await TestDatabases.CreateAsync(provider),
            $"--{SchedulerHost.StandaloneKey}=true",
            "--EasyTask:Bus=inmemory",
            $"--EasyTask:Agent:LogDirectory={Path.Combine(folder, "logs")}",
            $"--EasyTask:Agent:JournalDirectory={Path.Combine(folder, "journal")}");
        // A stream stays open as long as the test reads it: no overall timeout.
        streaming = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        streaming.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        streaming.Dispose();
        await server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Stream_ShowsEveryStatusChangeAndOutputLine_WithinASecond_WhenFilteredByTask()
    {
        await AddTaskAsync($$"""{"tid": 31, "name": "stamped", "cmd": "{{Stamped}}", "run_on_host": "localhost"}""");
        using var response = await OpenAsync("api/v1/stream?task=stamped");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        await ForceAsync("stamped");

        var (moves, lines) = await CollectUntilFinalAsync(reader);

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(moves.Select(m => m.To), Is.EqualTo(new[] { "ACTIVE", "TRIGGER", "STARTED", "RUNNING", "SUCCESS" }));
        Assert.That(lines, Has.Count.EqualTo(2), "both output lines");
        Assert.That(moves.Select(m => m.Lag).Concat(lines.Select(l => l.Lag)).Max(), Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Stream_ShowsTheRunsChangesAndOutput_AndNothingElse_WhenFilteredByRun()
    {
        await AddTaskAsync($$"""{"tid": 32, "name": "watched", "cmd": "{{Stamped}}", "run_on_host": "localhost"}""");
        await AddTaskAsync("""{"tid": 33, "name": "noise", "cmd": "echo noise; sleep 2", "run_on_host": "localhost"}""");
        var run = await ForceAsync("watched");
        await ForceAsync("noise");
        using var response = await OpenAsync($"api/v1/stream?run={run.RunId}");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        var (moves, lines) = await CollectUntilFinalAsync(reader);

        Assert.That(moves.Select(m => m.RunId).Concat(lines.Select(l => l.RunId)).Distinct(), Is.EqualTo(new[] { run.RunId }));
        Assert.That(moves.Select(m => m.To), Does.Contain("SUCCESS"));
        Assert.That(lines, Has.Count.EqualTo(2), "both output lines");
        Assert.That(moves.Select(m => m.Lag).Concat(lines.Select(l => l.Lag)).Max(), Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Stream_ReplaysWhatWasMissed_WhenResumedWithLastEventId()
    {
        await AddTaskAsync("""{"tid": 34, "name": "finished_earlier", "cmd": "true", "run_on_host": "localhost"}""");
        var run = await ForceAsync("finished_earlier");
        await server.WaitForRunAsync("finished_earlier", r => r.Status == "SUCCESS", Patience);
        var first = (await server.Http.GetFromJsonAsync<List<TimelineEventResource>>($"api/v1/runs/{run.RunId}/timeline", ApiJson.Options))![0];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/stream?run={run.RunId}");
        request.Headers.Add("Last-Event-ID", (first.Id - 1).ToString(CultureInfo.InvariantCulture));
        using var response = await streaming.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        var (moves, _) = await CollectUntilFinalAsync(reader);

        Assert.That(moves.Select(m => m.To), Is.EqualTo(new[] { "ACTIVE", "TRIGGER", "STARTED", "RUNNING", "SUCCESS" }));
    }

    [Test]
    public async Task Stream_Returns400NamingTheField_WhenAStatusIsUnknown()
    {
        using var response = await server.Http.GetAsync("api/v1/stream?status=DONE");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("status"));
    }

    [Test]
    public async Task RunLogsFollow_PrintsOutputAsItComes_AndEndsWithTheRun()
    {
        await AddTaskAsync("""{"tid": 35, "name": "chatty", "cmd": "echo first; sleep 1; echo second; sleep 1; echo third", "run_on_host": "localhost"}""");
        var run = await ForceAsync("chatty");

        var cli = await CliRun.RunAsync("run", "logs", run.RunId, "--follow", "--server", server.Url).WaitAsync(Patience);

        Assert.That(cli.ExitCode, Is.EqualTo(0), cli.ToString());
        Assert.That(cli.Output, Is.EqualTo("first\nsecond\nthird\n"));
        Assert.That((await server.Http.GetFromJsonAsync<RunResource>($"api/v1/runs/{run.RunId}", ApiJson.Options))!.Status, Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task RunsFollow_PrintsEachStatusChange_OfTheTasksRuns()
    {
        await AddTaskAsync("""{"tid": 36, "name": "followed", "cmd": "sleep 1", "run_on_host": "localhost"}""");
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var following = EasyTask.Scheduler.Cli.CliApplication.RunAsync(["runs", "--follow", "--task", "followed", "--server", server.Url, "--token", server.AdminToken], output, error, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var run = await ForceAsync("followed");
        await server.WaitForRunAsync("followed", r => r.Status == "SUCCESS", Patience);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await following.WaitAsync(Patience);

        var printed = output.ToString().Split('\n').Where(l => l.Contains(run.RunId, StringComparison.Ordinal)).ToList();
        Assert.That(printed, Has.Count.EqualTo(5), output.ToString() + error);
        Assert.That(printed[^1], Does.Contain("RUNNING -> SUCCESS"));
    }

    private async Task AddTaskAsync(string definition)
    {
        using var added = await server.Http.PostAsync("api/v1/tasks", new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
    }

    private async Task<RunResource> ForceAsync(string task)
    {
        using var forced = await server.Http.PostAsync($"api/v1/tasks/{task}/run", null);
        return await RunningScheduler.ReadAsync<RunResource>(forced);
    }

    private async Task<HttpResponseMessage> OpenAsync(string path)
    {
        var response = await streaming.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response;
    }

    /// <summary>Status moves (with how late each arrived after it was recorded) and output lines (how late after printed) until a move to a final status.</summary>
    private static async Task<(List<(string RunId, string To, TimeSpan Lag)> Moves, List<(string RunId, TimeSpan Lag)> Lines)> CollectUntilFinalAsync(SseReader reader)
    {
        var moves = new List<(string, string, TimeSpan)>();
        var lines = new List<(string, TimeSpan)>();
        using var deadline = new CancellationTokenSource(Patience);
        while (await reader.NextAsync(deadline.Token) is { } frame)
        {
            var data = JsonNode.Parse(frame.Data)!;
            if (frame.Event == "run")
            {
                var move = data["events"]![0]!;
                var to = move["to"]!.GetValue<string>();
                moves.Add((data["run_id"]!.GetValue<string>(), to, frame.ArrivedAt - move["at"]!.GetValue<DateTimeOffset>()));
                if (to is "SUCCESS" or "FAILED" or "TERMINATED")
                {
                    break;
                }
            }
            else if (frame.Event == "output")
            {
                foreach (var line in data["text"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var printed = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(line.Replace("at ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
                    lines.Add((data["run_id"]!.GetValue<string>(), frame.ArrivedAt - printed));
                }
            }
        }

        return (moves, lines);
    }
}
