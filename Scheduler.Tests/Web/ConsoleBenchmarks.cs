using System.Diagnostics;
using System.Globalization;
using System.Text;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EasyTask.Scheduler.Tests.Web;

/// <summary>
/// The console's speed figures, printed (never asserted): the Task Runs page with 100,000 runs, the dependency
/// graph of 500 tasks, the log viewer on a 100 MB log. Run by <c>deploy/bench-console.sh</c>; explicit, so the
/// test suite never runs it. Figures go to the console and to TestResults/bench-console.txt.
/// </summary>
[Explicit("a benchmark: bash deploy/bench-console.sh")]
[Category("Benchmark")]
[NonParallelizable]
internal sealed partial class ConsoleBenchmarks
{
    private const int Runs = 100_000;
    private const int RunTasks = 200;
    private const int GraphTasks = 500;
    private const long LogBytes = 100L * 1024 * 1024;

    private static readonly string Report = Path.Combine(RepositoryPaths.RepositoryRoot, "TestResults", "bench-console.txt");

    private ConsoleScheduler scheduler = null!;
    private ConsoleBrowser browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable("EASYTASK_BENCH_CONSOLE") != "1")
        {
            Assert.Ignore("a benchmark: run it with bash deploy/bench-console.sh (sets EASYTASK_BENCH_CONSOLE=1)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Report)!);
        browser = await ConsoleBrowser.LaunchAsync();
        scheduler = new ConsoleScheduler();
        await scheduler.StartAsync();
        Print($"== console benchmarks {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm}Z, load average {LoadAverage()}, {Environment.ProcessorCount} cores");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await scheduler.DisposeAsync();
        await browser.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task TaskRuns_FirstPage_With100000Runs_Sqlite()
    {
        var seeded = await SeedRunsAsync(scheduler.Server.Services);
        Print($"-- /task-runs, SQLite, {Runs:N0} runs of {RunTasks} tasks (seeded in {seeded.TotalSeconds:0.0} s)");
        await ApiTimingsAsync(scheduler.Http);

        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        foreach (var (label, path) in new[] { ("page, no filter", "/task-runs"), ("page, name filter", "/task-runs?name=task_0042"), ("page, FAILED 24h", "/task-runs?status=FAILED&range=24h") })
        {
            var times = new List<double>();
            var calls = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                await page.GotoAsync("about:blank");
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(path);
                await Expect(page.Locator("#runs tbody tr[data-run-id]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
                times.Add(clock.Elapsed.TotalMilliseconds);
                calls.Add(await page.EvaluateAsync<double>(
                    "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/runs/page')).map(e => e.duration).pop() ?? -1"));
            }

            Print($"   browser {label,-22} navigation to first rows: {Figures(times)}");
            Print($"   browser {label,-22} its /runs/page call:      {Figures(calls)}");
        }
    }

    [Test, Order(2)]
    public async Task TaskRuns_FirstPage_With100000Runs_Postgres()
    {
        if (Environment.GetEnvironmentVariable("EASYTASK_BENCH_POSTGRES") == "0")
        {
            Assert.Ignore("EASYTASK_BENCH_POSTGRES=0: PostgreSQL skipped");
        }

        await using var server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(TestDatabases.Postgres));
        var seeded = await SeedRunsAsync(server.Services);
        Print($"-- /task-runs, PostgreSQL, {Runs:N0} runs of {RunTasks} tasks (seeded in {seeded.TotalSeconds:0.0} s)");
        await ApiTimingsAsync(server.Http);
    }

    private static async Task ApiTimingsAsync(HttpClient http)
    {
        foreach (var (label, query) in new[]
        {
            ("no filter", "offset=0&limit=50"),
            ("name search", "name=task_0042&offset=0&limit=50"),
            ("name search, no match", "name=nothing_like_it&offset=0&limit=50"),
            ("status FAILED", "status=FAILED&offset=0&limit=50"),
            ("since 24h", "since=24h&offset=0&limit=50"),
            ("last page", $"offset={Runs - 50}&limit=50"),
        })
        {
            var times = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync($"api/v1/runs/page?{query}");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            Print($"   API /api/v1/runs/page {label,-22} {Figures(times)}");
        }
    }

    private static async Task<TimeSpan> SeedRunsAsync(IServiceProvider services)
    {
        var clock = Stopwatch.StartNew();
        var store = services.GetRequiredService<IRunStore>();
        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(42);
        for (var start = 0; start < Runs; start += 2_000)
        {
            var batch = Enumerable.Range(start, Math.Min(2_000, Runs - start)).Select(i =>
            {
                var task = i % RunTasks;
                var roll = random.Next(100);
                var status = roll < 90 ? RunStatus.Success : roll < 98 ? RunStatus.Failed : RunStatus.Terminated;
                return new NewRun(900_000 + task, $"task_{task:D4}", now.AddSeconds(-30 * (long)i), "localhost", Status: status, Reason: status == RunStatus.Success ? "exit_code" : "killed");
            }).ToList();
            await store.CreateAsync(batch, RunCreator.Actor, CancellationToken.None);
        }

        return clock.Elapsed;
    }

    private static string Figures(List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"first {milliseconds[0],6:0} ms, median {sorted[sorted.Count / 2],6:0} ms, max {sorted[^1],6:0} ms ({milliseconds.Count} tries)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Print(string line)
    {
        TestContext.Progress.WriteLine(line);
        File.AppendAllText(Report, line + "\n", Encoding.UTF8);
    }
}
