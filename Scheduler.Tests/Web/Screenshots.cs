using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EasyTask.Scheduler.Tests.Web;

/// <summary>Saves a screenshot of a console page under TestResults/screenshots/ at the repository root, for reviewers.</summary>
internal static class Screenshots
{
    public static string Folder => Path.Combine(RepositoryPaths.RepositoryRoot, "TestResults", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
