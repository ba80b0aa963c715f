using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

internal sealed class CalendarShowCommandTests
{
    [Test]
    public async Task Show_ListsThisAndNextYearsHolidaysWithObservedDays_WithoutAServer_ForUsHolidays()
    {
        var year = TimeProvider.System.GetLocalNow().Year;

        var run = await CliRun.RunAsync("calendar", "show", "US_HOLIDAYS", "--server", "http://127.0.0.1:1");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Calendar:  US_HOLIDAYS (built in)"));
        Assert.That(run.Output, Does.Contain($"{year}:").And.Contain($"{year + 1}:"));
        Assert.That(run.Output.Split('\n').Count(l => l.Contains("Thanksgiving Day", StringComparison.Ordinal)), Is.EqualTo(2));
    }
}
