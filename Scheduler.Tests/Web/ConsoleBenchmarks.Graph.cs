using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EasyTask.Scheduler.Tests.Web;

internal sealed partial class ConsoleBenchmarks
{
    /// <summary>500 tasks in 10 groups, each after one or two earlier ones (a DAG of 10 levels), laid out by the page in Chromium.</summary>
    [Test, Order(3)]
    public async Task DependencyGraph_LaysOut500Tasks()
    {
        var inserting = Stopwatch.StartNew();
        for (var i = 0; i < GraphTasks; i++)
        {
            var upstreams = i == 0 ? [] : i % 3 == 0 && i > 1 ? new[] { (i - 1) / 2, i - 1 } : new[] { (i - 1) / 2 };
            var depends = upstreams.Length == 0 ? "\"trigger_times\": \"06:00\""
                : "\"depends_on\": [" + string.Join(", ", upstreams.Select(u => $"{{ \"task\": \"graph_{u:D3}\", \"on\": \"success\" }}")) + "]";
            var json = $$"""{ "tid": {{700_000 + i}}, "name": "graph_{{i:D3}}", "group": "graph_g{{i % 10}}", "run_on_host": "localhost", "cmd": "true", {{depends}} }""";
            using var response = await scheduler.Http.PostAsync("api/v1/tasks", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }

        Print($"-- dependency graph, {GraphTasks} tasks (inserted through the API in {inserting.Elapsed.TotalSeconds:0.0} s)");
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        var layouts = new List<double>();
        var walls = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("/tasks");
            await Expect(page.Locator("tr[data-task=graph_000]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var clock = Stopwatch.StartNew();
            await page.Locator(".tabs button[data-view=graph]").ClickAsync(new() { Timeout = 60_000 });
            await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-nodes", GraphTasks.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
            walls.Add(clock.Elapsed.TotalMilliseconds);
            var text = await page.Locator("#layout-time").TextContentAsync() ?? "";
            layouts.Add(double.Parse(LaidOutMs().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Print($"   layout (cytoscape + dagre, as the page reports it) {Figures(layouts)}");
        Print($"   click on the graph tab to all nodes drawn          {Figures(walls)}");
        Directory.CreateDirectory(Screenshots.Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "bench-graph-500.png"), Timeout = 60_000 });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"laid out in (\d+) ms")]
    private static partial System.Text.RegularExpressions.Regex LaidOutMs();
}
