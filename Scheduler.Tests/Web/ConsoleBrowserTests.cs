using System.Text.RegularExpressions;
using EasyTask.Scheduler.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EasyTask.Scheduler.Tests.Web;

/// <summary>
/// The web console in a real browser against a real standalone scheduler: what an operator sees and does on
/// each page of the product documentation. Every page is saved as a screenshot under TestResults/screenshots.
/// </summary>
[Category("Browser")]
[Category("Integration")]
[NonParallelizable]
internal sealed partial class ConsoleBrowserTests
{
    private const string Invoices = """
        [
          { "tid": 2001, "name": "Generate_Invoice", "group": "billing", "run_on_host": "localhost", "trigger_times": "07:00", "day_of_week": "1111100",
            "timezone": "America/New_York", "calendar": "US_HOLIDAYS", "description": "Build the day's invoices",
            "cmd": "echo generating invoices; printf '\\033[32minvoice 1 ok\\033[0m\\n'; echo 'ERROR: ledger is locked' >&2; echo 'warning: retrying' >&2; echo 'ERROR: giving up after the ledger stayed locked' >&2; exit 3" },
          { "tid": 2002, "name": "Send_Email_Invoice", "group": "billing", "run_on_host": "localhost", "cmd": "echo mailing invoices",
            "depends_on": [ { "task": "Generate_Invoice", "on": "success" } ] },
          { "tid": 3001, "name": "Nightly_Report", "group": "reports", "run_on_host": "localhost", "trigger_times": "02:00",
            "cmd": "for i in 1 2 3; do echo part $i; sleep 1; done" }
        ]
        """;

    private ConsoleScheduler scheduler = null!;
    private ConsoleBrowser browser = null!;
    private RunResource? failedInvoice;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        browser = await ConsoleBrowser.LaunchAsync();
        scheduler = new ConsoleScheduler();
        await scheduler.StartAsync();
        await scheduler.InsertAsync(Invoices);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await scheduler.DisposeAsync();
        await browser.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task TaskRuns_ShowsARunMovingThroughItsLifecycle_WithoutReload()
    {
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/task-runs");
        await Expect(page.Locator("#conn")).ToHaveAttributeAsync("data-state", "Live");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var run = await scheduler.RunAsync("Nightly_Report");
        var row = page.Locator($"tr[data-run-id='{run.RunId}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "RUNNING");
        await Expect(row.Locator(".chain .current")).ToHaveTextAsync("RUNNING");
        await Expect(row.Locator(".pulse")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "task-runs-running");
        await Expect(row).ToHaveAttributeAsync("data-status", "SUCCESS", new() { Timeout = 30_000 });
        await Expect(row.Locator(".badge.s-SUCCESS")).ToHaveTextAsync("SUCCESS");

        Assert.That(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "the page was not reloaded");
        await Screenshots.SaveAsync(page, "task-runs");
    }

    [Test, Order(2)]
    public async Task FailedRun_IsFoundByStatus_AndItsStderrSearchedAndDownloaded()
    {
        var failed = await FailedInvoiceAsync();
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/task-runs");

        await page.SelectOptionAsync("#f-status", "FAILED");
        await Expect(page).ToHaveURLAsync(new Regex("status=FAILED"));
        var row = page.Locator($"tr[data-run-id='{failed.RunId}']");
        await Expect(row.Locator(".badge.s-FAILED")).ToBeVisibleAsync();
        await Expect(page.Locator("#runs tbody tr[data-status]:not([data-status='FAILED'])")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "task-runs-failed-filter");

        await row.Locator("a.eye").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/task-runs/{failed.RunId}$"));
        await Expect(page.Locator("[data-field=return-code]")).ToHaveTextAsync("3");
        await Expect(page.Locator(".timeline .t-failed")).ToContainTextAsync("FAILED");
        await Expect(page.Locator("[data-count=stderr]")).ToHaveTextAsync("(3)");
        await page.Locator(".streams button[data-stream=stderr]").ClickAsync();
        await Expect(page.Locator(".logbody")).ToContainTextAsync("ledger is locked");

        await page.Locator(".logviewer input.q").FillAsync("ERROR");
        await Expect(page.Locator(".logviewer .counter")).ToHaveTextAsync("1 / 2");
        await Expect(page.Locator(".logbody mark")).ToHaveCountAsync(2);
        await page.Locator(".logviewer button.next").ClickAsync();
        await Expect(page.Locator(".logviewer .counter")).ToHaveTextAsync("2 / 2");
        await Expect(page.Locator(".logline.current")).ToContainTextAsync("giving up");
        await Screenshots.SaveAsync(page, "run-detail-stderr-search");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".logviewer button.download").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.That(download.SuggestedFilename, Does.EndWith("-stderr.log"));
        Assert.That(await File.ReadAllTextAsync(saved), Is.EqualTo("ERROR: ledger is locked\nwarning: retrying\nERROR: giving up after the ledger stayed locked\n"));
        File.Delete(saved);

        foreach (var tab in new[] { "timeline", "attempts", "definition" })
        {
            await page.Locator($".tabs button[data-tab={tab}]").ClickAsync();
            await Expect(page.Locator("#panel")).Not.ToContainTextAsync("Loading");
            await Screenshots.SaveAsync(page, $"run-detail-{tab}");
        }
    }

    [Test, Order(3)]
    public async Task DependencyGraph_ShowsGenerateInvoiceToSendEmailInvoice_WithStatusColours()
    {
        await FailedInvoiceAsync();
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/tasks");
        await Expect(page.Locator("tr[data-task=Generate_Invoice] .badge.s-FAILED")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-task=Generate_Invoice]")).ToContainTextAsync("07:00 Mon-Fri America/New_York except US_HOLIDAYS");
        await Screenshots.SaveAsync(page, "tasks");

        await page.Locator(".tabs button[data-view=graph]").ClickAsync();
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-nodes", "3");
        var edge = page.Locator("tr[data-edge='Generate_Invoice->Send_Email_Invoice']");
        await Expect(edge).ToContainTextAsync("success");
        await Expect(edge.Locator(".badge.s-FAILED")).ToBeVisibleAsync();
        await Expect(edge).ToContainTextAsync("BLOCKED");
        var drawn = await page.EvaluateAsync<string[]>(
            "() => [window.easytaskGraph.$id('Generate_Invoice').style('background-color'), window.easytaskGraph.$id('Nightly_Report').style('background-color'), " +
            "String(window.easytaskGraph.$id('Generate_Invoice->Send_Email_Invoice').length), window.easytaskGraph.$id('Generate_Invoice->Send_Email_Invoice').data('label'), " +
            "String(window.easytaskGraph.$id('Send_Email_Invoice').hasClass('blocked'))]");
        Assert.That(drawn, Is.EqualTo(new[] { "rgb(220,38,38)", "rgb(22,163,74)", "1", "success", "true" }), "failed upstream red, succeeded task green, the edge labelled, the dependent marked blocked");
        await Screenshots.SaveAsync(page, "tasks-dependency-graph");

        await page.GotoAsync("/tasks/Generate_Invoice");
        await Expect(page.Locator("h1")).ToContainTextAsync("Generate_Invoice");
        await Screenshots.SaveAsync(page, "task-detail");
    }

    [Test, Order(4)]
    public async Task Adhoc_RunAppearsWithItsVioletBadge()
    {
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/adhoc");
        await page.Locator("textarea[name=cmd]").FillAsync("echo adhoc from the console");
        await page.Locator("select[name=host]").SelectOptionAsync("localhost");
        await page.Locator("input[name=max_run_time]").FillAsync("60");
        await page.Locator("#adhoc button[type=submit]").ClickAsync();
        var recent = page.Locator("#recent tbody tr").First;
        await Expect(recent.Locator(".badge.adhoc")).ToHaveTextAsync("ADHOC");
        await Expect(recent.Locator(".badge.s-SUCCESS")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The list re-renders as run events arrive; the assertion retries until it reads a rendered badge: violet.
        await Expect(recent.Locator(".badge.adhoc")).ToHaveCSSAsync("background-color", "rgb(124, 58, 237)");
        await Screenshots.SaveAsync(page, "adhoc");

        await page.GotoAsync("/task-runs");
        await Expect(page.Locator("#runs tbody tr").First.Locator(".badge.adhoc")).ToBeVisibleAsync();
    }

    [Test, Order(5)]
    public async Task OtherPages_ShowAgentsFailedRunsAndMonitoring()
    {
        await FailedInvoiceAsync();
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/agents");
        await Expect(page.Locator("#agents tbody tr").First.Locator(".badge.alive")).ToHaveTextAsync("ALIVE");
        await Screenshots.SaveAsync(page, "agents");

        await page.GotoAsync("/failed");
        await Expect(page.Locator("#failed")).ToContainTextAsync("Generate_Invoice");
        await Screenshots.SaveAsync(page, "failed");

        await page.GotoAsync("/monitoring");
        await Expect(page.Locator("#figures .figure").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "monitoring");

        await page.GotoAsync("/login");
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "login");
    }

    [Test, Order(6)]
    public async Task Viewer_IsNotOfferedButtonsItsRoleMayNotUse()
    {
        var failed = await FailedInvoiceAsync();
        var page = await browser.NewPageAsync(scheduler.Url, await CreateTokenAsync("viewer"));

        await Expect(page.Locator("#who")).ToContainTextAsync("viewer");
        await Expect(page.Locator("nav a[href='/adhoc']")).ToBeHiddenAsync();
        await page.GotoAsync($"/task-runs/{failed.RunId}");
        await Expect(page.Locator("[data-field=return-code]")).ToHaveTextAsync("3");
        await Expect(page.Locator("#retry")).ToBeHiddenAsync();
        await page.GotoAsync("/tasks");
        await Expect(page.Locator("tr[data-task=Generate_Invoice]")).ToBeVisibleAsync();
        await Expect(page.Locator("#tasks button")).ToHaveCountAsync(0);
    }

    [Test, Order(7)]
    public async Task Operator_HoldsReleasesAndRunsAGroup_AndIsNotOfferedActivate()
    {
        var page = await browser.NewPageAsync(scheduler.Url, await CreateTokenAsync("operator"));
        await page.GotoAsync("/tasks");
        var group = page.Locator("tr.group-row[data-group=reports]");
        await Expect(group.Locator("button[data-group-act=hold]")).ToBeVisibleAsync();
        await Expect(group.Locator("button[data-group-act=activate]")).ToHaveCountAsync(0);
        await Expect(group.Locator("button[data-group-act=deactivate]")).ToHaveCountAsync(0);

        await group.Locator("button[data-group-act=hold]").ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Group reports: hold 1 task(s)");
        await Expect(page.Locator("tr[data-task=Nightly_Report] .badge.hold")).ToHaveTextAsync("ON HOLD");
        await Expect(page.Locator("tr[data-task=Generate_Invoice] .badge.hold")).ToHaveCountAsync(0);
        await Expect(group).ToContainTextAsync("1 on hold");
        await Screenshots.SaveAsync(page, "tasks-group-on-hold");

        await group.Locator("button[data-group-act=release]").ClickAsync();
        await Expect(page.Locator("tr[data-task=Nightly_Report] .badge.hold")).ToHaveCountAsync(0);

        var lastRun = page.Locator("tr[data-task=Nightly_Report] td:nth-child(4) a");
        var before = await lastRun.CountAsync() > 0 ? await lastRun.GetAttributeAsync("href") : null;
        await group.Locator("button[data-group-act=run]").ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Group reports: started 1 run(s)");
        await Expect(lastRun).Not.ToHaveAttributeAsync("href", before ?? "(none)");
        var audit = await scheduler.Server.Http.GetStringAsync("api/v1/audit?target=/api/v1/groups/reports/hold");
        Assert.That(audit, Does.Contain("Nightly_Report"), "the audit trail names the tasks the group operation held");
    }

    [Test, Order(8)]
    public async Task Admin_InsertsATaskFromTheForm_AndItsTimedOutRunIsShownSo()
    {
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/tasks");
        await page.Locator("#new-task summary").ClickAsync();
        var form = page.Locator("#new-task form");
        await form.Locator("input[name=name]").FillAsync("Form_Sleeper");
        await form.Locator("input[name=cmd]").FillAsync("sleep 30");
        await form.Locator("input[name=run_on_host]").FillAsync("localhost");
        await form.Locator("input[name=max_run_time]").FillAsync("1");
        await page.Locator("#nt-insert").ClickAsync();
        await Expect(page.Locator("#nt-errors")).ToContainTextAsync("tid");

        await form.Locator("input[name=tid]").FillAsync("4001");
        await page.Locator("#nt-insert").ClickAsync();
        await Expect(page.Locator("#nt-result")).ToHaveTextAsync("Task validation completed. Task inserted successfully: tid 4001, name Form_Sleeper");
        await Expect(page.Locator("tr[data-task=Form_Sleeper]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "tasks-new-task");

        var run = await scheduler.RunAsync("Form_Sleeper");
        await scheduler.Server.WaitForRunAsync("Form_Sleeper", r => r.Status == "TERMINATED", TimeSpan.FromSeconds(30));
        await page.GotoAsync("/task-runs?name=Form_Sleeper");
        await Expect(page.Locator($"tr[data-run-id='{run.RunId}'] .badge.timedout")).ToHaveTextAsync("TIMED OUT");
    }

    [Test, Order(100)]
    public async Task ConnectionIndicator_GoesDisconnectedWhenTheServerStops_AndLiveWhenItIsBack()
    {
        var page = await browser.NewPageAsync(scheduler.Url, scheduler.Server.AdminToken);
        await page.GotoAsync("/task-runs");
        var indicator = page.Locator("#conn");
        await Expect(indicator).ToHaveAttributeAsync("data-state", "Live");
        await Expect(page.Locator("#pageinfo")).ToContainTextAsync(" of ");

        await scheduler.StopAsync();
        await Expect(indicator).ToHaveAttributeAsync("data-state", "Disconnected");
        await Expect(indicator).ToHaveTextAsync("Disconnected");
        await Screenshots.SaveAsync(page, "indicator-disconnected");

        await scheduler.StartAsync();
        await Expect(indicator).ToHaveAttributeAsync("data-state", "Live", new() { Timeout = 30_000 });

        // Live again means live: a run started now shows up without a reload.
        var run = await scheduler.RunAsync("Send_Email_Invoice");
        await Expect(page.Locator($"tr[data-run-id='{run.RunId}']")).ToBeVisibleAsync();
    }

    private async Task<string> CreateTokenAsync(string role) =>
        await Infrastructure.TestTokens.CreateAsync(scheduler.Server.Services, role);

    /// <summary>Runs Generate_Invoice once (it writes ERROR lines to stderr and exits 3) and waits until it failed.</summary>
    private async Task<RunResource> FailedInvoiceAsync()
    {
        if (failedInvoice is null)
        {
            await scheduler.RunAsync("Generate_Invoice");
            failedInvoice = await scheduler.Server.WaitForRunAsync("Generate_Invoice", r => r.Status == "FAILED", TimeSpan.FromSeconds(30));
        }

        return failedInvoice;
    }
}
