using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Tests.Infrastructure;
using EasyTask.Scheduler.Tests.Security.Fuzz;

namespace EasyTask.Scheduler.Tests.Security;

internal sealed partial class DefinitionFuzzTests
{
    /// <summary>Requests in flight at once: enough to overlap the server's work without swamping a 2-core machine.</summary>
    private const int Parallelism = 4;

    /// <summary>The names the accepted inputs created.</summary>
    private sealed record Created(ConcurrentBag<string> TaskBag, ConcurrentBag<string> CalendarBag)
    {
        public Created()
            : this([], [])
        {
        }

        public IEnumerable<string> Tasks => TaskBag;

        public IEnumerable<string> Calendars => CalendarBag;
    }

    private static async Task SeedAsync(RunningScheduler scheduler)
    {
        foreach (var name in BaseCalendars)
        {
            using var response = await scheduler.Http.PostAsync("api/v1/calendars", Json($$"""{"name": "{{name}}", "dates": ["2026-12-25", "2027-01-01"]}"""));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), name);
        }

        foreach (var (tid, name) in BaseTasks)
        {
            using var response = await scheduler.Http.PostAsync("api/v1/tasks", Json(SampleDefinitions.Task(tid, name)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), name);
        }
    }

    private static async Task<Created> SendAsync(RunningScheduler scheduler, List<FuzzCase> requests, FuzzTally tally)
    {
        var created = new Created();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (fuzz, ct) =>
        {
            var content = new ByteArrayContent(fuzz.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            string outcome;
            try
            {
                using var response = await scheduler.Http.PostAsync(fuzz.IsCalendar ? "api/v1/calendars" : "api/v1/tasks", content, ct);
                var status = (int)response.StatusCode;
                outcome = status is 200 or 201 ? "accepted" : $"rejected {status}";
                if (status >= 500)
                {
                    tally.Violation($"API #{fuzz.Index} ({fuzz.Class}) got {status}: {Printable(await response.Content.ReadAsStringAsync(ct))}");
                }
                else if (status == 400 && !(await response.Content.ReadAsStringAsync(ct)).Contains("\"errors\"", StringComparison.Ordinal))
                {
                    tally.Violation($"API #{fuzz.Index} ({fuzz.Class}) got 400 without field errors");
                }
            }
            catch (HttpRequestException ex)
            {
                // Kestrel may answer 413 and close the connection before a 1.5 MiB body is sent.
                outcome = "connection closed";
                if (fuzz.Body.Length <= 1024 * 1024)
                {
                    tally.Violation($"API #{fuzz.Index} ({fuzz.Class}) broke the connection: {ex.Message}");
                }
            }

            tally.Count("api", fuzz, outcome);
            Expect(tally, "API", fuzz, outcome == "accepted");
            if (outcome == "accepted")
            {
                (fuzz.IsCalendar ? created.CalendarBag : created.TaskBag).Add(fuzz.Names[0]);
            }
        });
        return created;
    }

    private static void Expect(FuzzTally tally, string door, FuzzCase fuzz, bool accepted)
    {
        if (fuzz.Expectation == FuzzExpectation.Accepted && !accepted)
        {
            tally.Violation($"{door} #{fuzz.Index} ({fuzz.Class}, valid) was rejected: {Printable(Encoding.UTF8.GetString(fuzz.Body))}");
        }
        else if (fuzz.Expectation == FuzzExpectation.Rejected && accepted)
        {
            tally.Violation($"{door} #{fuzz.Index} ({fuzz.Class}, broken) was accepted: {Printable(Encoding.UTF8.GetString(fuzz.Body))}");
        }
    }

    /// <summary>Every accepted input reads back through the API; what the API took alone reads back exactly as sent.</summary>
    private static async Task ReadBackAsync(RunningScheduler scheduler, List<FuzzCase> requests, Created api, Created folder, FuzzTally tally)
    {
        var sent = requests.Where(r => r.Names.Count == 1).GroupBy(r => (r.IsCalendar, r.Names[0])).ToDictionary(g => g.Key, g => g.First());
        var reads = api.Tasks.Concat(folder.Tasks).Select(n => (Calendar: false, Name: n))
            .Concat(api.Calendars.Concat(folder.Calendars).Select(n => (Calendar: true, Name: n)));
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (read, ct) =>
        {
            var path = $"api/v1/{(read.Calendar ? "calendars" : "tasks")}/{Uri.EscapeDataString(read.Name)}";
            using var response = await scheduler.Http.GetAsync(path, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                tally.Violation($"GET {path} answered {(int)response.StatusCode} for an accepted input");
                return;
            }

            if (!sent.TryGetValue(read, out var fuzz))
            {
                return;
            }

            var body = Encoding.UTF8.GetString(fuzz.Body);
            if (read.Calendar)
            {
                var calendar = (await response.Content.ReadFromJsonAsync<CalendarResource>(ApiJson.Options, ct))!;
                var expected = CalendarDefinitionJson.Check(body).Value!;
                if (calendar.Description != expected.Description || !calendar.Dates.Distinct().Order().SequenceEqual(expected.Dates.Distinct().Order()))
                {
                    tally.Violation($"calendar {read.Name} reads back differently from what was sent");
                }

                return;
            }

            var task = (await response.Content.ReadFromJsonAsync<TaskResource>(ApiJson.Options, ct))!;
            if (TaskDefinitionJson.Serialize(task.Definition) != TaskDefinitionJson.Serialize(TaskDefinitionJson.Parse(body).Value!))
            {
                tally.Violation($"task {read.Name} reads back differently from what was sent");
            }
        });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
