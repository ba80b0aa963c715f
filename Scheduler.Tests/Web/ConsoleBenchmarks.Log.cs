using System.Diagnostics;
using System.Text;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace EasyTask.Scheduler.Tests.Web;

internal sealed partial class ConsoleBenchmarks
{
    /// <summary>A finished run with 100 MB of stdout (about a million lines, stored as the agent sends it: 64 KiB batches).</summary>
    [Test, Order(4)]
    public async Task LogViewer_On100MbLog()
    {
        var services = scheduler.Server.Services;
        var run = (await services.GetRequiredService<IRunStore>().CreateAsync(
            [new NewRun(800_000, "bench_big_log", TimeProvider.System.GetUtcNow(), "localhost", Status: RunStatus.Success, Reason: "exit_code")], RunCreator.Actor, CancellationToken.None))[0].Run;
        var (lines, needles, bytes, seeded) = await WriteLogAsync(services.GetRequiredService<IOutputStore>(), run.RunId);
        Print($"-- log viewer, {bytes / 1024.0 / 1024.0:0} MB, {lines:N0} lines of stdout in {bytes / 65536 + 1:N0} stored batches (seeded in {seeded.TotalSeconds:0.0} s)");

        var api = $"api/v1/runs/{run.RunId}/log";
        foreach (var (label, path) in new[]
        {
            ("first page", $"{api}?stream=stdout&page=1&size=500"),
            ("last page", $"{api}?stream=stdout&page=0&size=500"),
            ("a middle page", $"{api}?stream=stdout&page={lines / 1000}&size=500"),
            ($"search ({needles} matches)", $"{api}/search?stream=stdout&q=NEEDLE"),
            ("search (no match)", $"{api}/search?stream=stdout&q=absent-word"),
        })
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await scheduler.Http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            Print($"   API {label,-22} {Figures(times)}");
        }

        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        var open = Stopwatch.StartNew();
        await page.GotoAsync($"/task-runs/{run.RunId}?tab=output");
        await Expect(page.Locator(".logbody .logline").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var opened = open.Elapsed.TotalMilliseconds;

        var first = Stopwatch.StartNew();
        await page.Locator(".pagebar button.first").ClickAsync();
        await Expect(page.Locator(".pageinfo")).ToContainTextAsync("Page 1 of", new() { Timeout = 120_000 });
        var firstPage = first.Elapsed.TotalMilliseconds;

        var search = Stopwatch.StartNew();
        await page.Locator(".logviewer input.q").FillAsync("NEEDLE");
        await Expect(page.Locator(".logviewer .counter")).ToHaveTextAsync($"1 / {needles}", new() { Timeout = 120_000 });
        var searched = search.Elapsed.TotalMilliseconds;

        var last = Stopwatch.StartNew();
        await page.Locator(".pagebar button.last").ClickAsync();
        await Expect(page.Locator(".pageinfo")).ToContainTextAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"of {lines}"), new() { Timeout = 120_000 });
        var lastPage = last.Elapsed.TotalMilliseconds;
        Print($"   browser: open the Output tab to first lines {opened,6:0} ms; « first page {firstPage,6:0} ms; search to \"1 / {needles}\" {searched,6:0} ms; » last page {lastPage,6:0} ms");
        await Screenshots.SaveAsync(page, "bench-log-100mb");
    }

    private static async Task<(int Lines, int Needles, long Bytes, TimeSpan Took)> WriteLogAsync(IOutputStore output, string runId)
    {
        var clock = Stopwatch.StartNew();
        var batch = new StringBuilder();
        long written = 0;
        var line = 0;
        var sequence = 0L;
        var needles = 0;
        while (written < LogBytes)
        {
            line++;
            var needle = line % 100_000 == 0;
            needles += needle ? 1 : 0;
            batch.Append("2026-12-05T08:00:00.000Z worker-3 processing record ").Append(line.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))
                .Append(needle ? " NEEDLE found here" : line % 50 == 0 ? " \u001b[33mwarning\u001b[0m slow disk" : " ok, checksum 5f2a9c81e0")
                .Append('\n');
            if (batch.Length >= 65_536)
            {
                written += batch.Length;
                await output.AppendAsync(runId, 1, "stdout", sequence++, batch.ToString(), CancellationToken.None);
                batch.Clear();
            }
        }

        written += batch.Length;
        await output.AppendAsync(runId, 1, "stdout", sequence, batch.ToString(), CancellationToken.None);
        return (line, needles, written, clock.Elapsed);
    }
}
