using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>Calendar files go in the folder's calendars/ and are taken in before the tasks that name them.</summary>
[TestFixture]
internal sealed class WatchedFolderCalendarTests
{
    private const string PlantShutdown = """
        { "name": "PLANT_SHUTDOWN", "description": "Summer maintenance", "dates": ["2026-07-27", "2026-07-28"] }
        """;

    private WatchHarness watch = null!;

    [SetUp]
    public async Task CreateAsync() => watch = await WatchHarness.CreateAsync();

    [TearDown]
    public async Task StopAsync() => await watch.DisposeAsync();

    [Test]
    public async Task Import_AcceptsATaskNamingACalendar_WhenBothAreDroppedTogether()
    {
        // The task file is the older of the two: calendars still go first.
        watch.Folder.Drop("shift.json", SampleDefinitions.Task(301, "shift_report", ",\n  \"calendar\": \"PLANT_SHUTDOWN\""));
        watch.Folder.DropCalendar("plant.json", PlantShutdown);
        await watch.StartWatchingAsync();

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1 && watch.Folder.Processed("calendars").Count == 1, "both files moving to processed/");

        var calendar = await watch.Calendars.FindAsync("PLANT_SHUTDOWN", CancellationToken.None);
        Assert.That(calendar!.Calendar.Dates, Has.Count.EqualTo(2));
        Assert.That(calendar.Source, Is.EqualTo("watched folder tasks/calendars/plant.json"));
        Assert.That((await watch.TaskAsync("shift_report")).Definition.Calendar, Is.EqualTo("PLANT_SHUTDOWN"));
        Assert.That(watch.Folder.Rejected(), Is.Empty);
    }

    [Test]
    public async Task Import_RejectsTheTaskNamingTheCalendar_WhenTheCalendarIsUnknown()
    {
        await watch.StartWatchingAsync();
        watch.Folder.Drop("shift.json", SampleDefinitions.Task(301, "shift_report", ",\n  \"calendar\": \"PLANT_SHUTDOWN\""));

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "shift.json moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("calendar: ").And.Contain("PLANT_SHUTDOWN"));
    }

    [Test]
    public async Task Import_MovesTheCalendarToItsRejectedFolder_WhenADateIsInvalid()
    {
        await watch.StartWatchingAsync();
        watch.Folder.DropCalendar("plant.json", PlantShutdown.Replace("2026-07-28", "2026-07-32", StringComparison.Ordinal));

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected("calendars").Count == 2, "plant.json moving to calendars/rejected/");

        var errors = watch.Folder.ErrorsText("calendars");
        Assert.That(errors, Does.StartWith("# tasks/calendars/plant.json rejected at "));
        Assert.That(errors, Does.Contain("dates[1]: must be a date as YYYY-MM-DD, got \"2026-07-32\""));
        Assert.That(await watch.Calendars.ListAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Import_ReplacesTheCalendar_WhenAnEditedCopyIsDropped()
    {
        await watch.StartWatchingAsync();
        watch.Folder.DropCalendar("plant.json", PlantShutdown);
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed("calendars").Count == 1, "the first copy moving to calendars/processed/");

        watch.Folder.DropCalendar("plant.json", PlantShutdown.Replace("\"2026-07-28\"", "\"2026-07-28\", \"2026-07-29\"", StringComparison.Ordinal));
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed("calendars").Count == 2, "the edited copy moving to calendars/processed/");

        var calendar = await watch.Calendars.FindAsync("PLANT_SHUTDOWN", CancellationToken.None);
        Assert.That((calendar!.Version, calendar.Calendar.Dates.Count), Is.EqualTo((2L, 3)));
    }
}
