using Microsoft.Playwright;

namespace EasyTask.Scheduler.Tests.Web;

/// <summary>
/// Playwright driving the machine's Chromium (<c>/usr/bin/chromium</c>, installed by deploy/test.sh; override with
/// <c>EASYTASK_CHROMIUM</c>). Playwright never downloads a browser here; its node driver ships in the NuGet package.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ChromiumPath => Environment.GetEnvironmentVariable("EASYTASK_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"Chromium was not found at {ChromiumPath}: install Debian's chromium package (bash deploy/test.sh does) or set EASYTASK_CHROMIUM");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container has no user namespaces for Chromium's sandbox; /dev/shm may be tiny.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
        return new ConsoleBrowser(playwright, browser);
    }

    /// <summary>A fresh browser context signed in with <paramref name="token"/> through the console's /login page.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, string token)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/login#token=" + Uri.EscapeDataString(token));
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/task-runs"));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
