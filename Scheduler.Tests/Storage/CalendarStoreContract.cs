using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>What <see cref="ICalendarStore"/> promises, checked the same way on every provider.</summary>
internal abstract class CalendarStoreContract : StorageContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ITestDatabase? database;
    private ServiceProvider? services;

    private ICalendarStore Store => services!.GetRequiredService<ICalendarStore>();

    [OneTimeSetUp]
    public async Task CreateSchemaAsync() => (database, services) = await CreateMigratedAsync();

    [OneTimeTearDown]
    public Task DropDatabaseAsync() => DisposeAsync(database, services);

    [SetUp]
    public async Task EmptyCalendarsAsync()
    {
        foreach (var calendar in await Store.ListAsync(None))
        {
            await Store.DeleteAsync(calendar.Calendar.Name, None);
        }
    }

    [Test]
    public async Task FindAsync_ReturnsEveryFieldIntact_WhenEachIsAtItsLongestValidValue()
    {
        var longest = Tests.Definitions.LongestDefinitions.Calendar();

        await Store.UpsertAsync(longest, "watched folder calendars/longest.json", None);
        var found = await Store.FindAsync(longest.Name, None);

        Assert.That(found, Is.Not.Null);
        Assert.That(CalendarDefinitionJson.Serialize(found!.Calendar), Is.EqualTo(CalendarDefinitionJson.Serialize(longest)));
    }

    [Test]
    public async Task FindAsync_ReturnsDatesAndDescriptionIntact_WhenCalendarWasUpserted()
    {
        var inserted = await Store.UpsertAsync(MonthEndFreeze(), "file:calendars/month_end_freeze.json", None);
        var found = await Store.FindAsync("MONTH_END_FREEZE", None);

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Calendar.Dates, Is.EqualTo(MonthEndFreeze().Dates));
            Assert.That(found.Calendar.Description, Is.EqualTo("No batch on quarter-end days"));
            Assert.That(found.Version, Is.EqualTo(1));
            Assert.That(inserted.Version, Is.EqualTo(1));
            Assert.That(found.Source, Is.EqualTo("file:calendars/month_end_freeze.json"));
            Assert.That(found.UpdatedAt, Is.EqualTo(Start));
        });
    }

    [Test]
    public async Task UpsertAsync_ReplacesDatesAndBumpsVersion_WhenCalendarExists()
    {
        await Store.UpsertAsync(MonthEndFreeze(), "first", None);
        Clock.Advance(TimeSpan.FromHours(1));

        var replaced = MonthEndFreeze() with { Description = null, Dates = [new DateOnly(2027, 1, 4)] };
        var updated = await Store.UpsertAsync(replaced, "second", None);
        var found = await Store.FindAsync("MONTH_END_FREEZE", None);

        Assert.Multiple(() =>
        {
            Assert.That(updated.Version, Is.EqualTo(2));
            Assert.That(found!.Version, Is.EqualTo(2));
            Assert.That(found.Calendar.Dates, Is.EqualTo((DateOnly[])[new DateOnly(2027, 1, 4)]));
            Assert.That(found.Calendar.Description, Is.Null);
            Assert.That(found.Source, Is.EqualTo("second"));
            Assert.That(found.UpdatedAt, Is.EqualTo(Start.AddHours(1)));
        });
    }

    [Test]
    public async Task UpsertAsync_StoresEmptyDates_WhenCalendarHasNoDays()
    {
        await Store.UpsertAsync(new CalendarDefinition { Name = "EMPTY" }, "test", None);

        var found = await Store.FindAsync("EMPTY", None);

        Assert.That(found!.Calendar.Dates, Is.Empty);
    }

    [Test]
    public async Task ListAsync_ReturnsCalendarsOrderedByName_WhenUpsertedInAnotherOrder()
    {
        foreach (var name in new[] { "plant_shutdown", "MONTH_END_FREEZE", "EU_HOLIDAYS" })
        {
            await Store.UpsertAsync(MonthEndFreeze() with { Name = name }, "test", None);
        }

        var names = (await Store.ListAsync(None)).Select(c => c.Calendar.Name);

        Assert.That(names, Is.EqualTo((string[])["EU_HOLIDAYS", "MONTH_END_FREEZE", "plant_shutdown"]));
    }

    [Test]
    public async Task DeleteAsync_ReturnsTrueThenFalse_WhenCalendarIsDeletedTwice()
    {
        await Store.UpsertAsync(MonthEndFreeze(), "test", None);

        var first = await Store.DeleteAsync("MONTH_END_FREEZE", None);
        var second = await Store.DeleteAsync("MONTH_END_FREEZE", None);
        var found = await Store.FindAsync("MONTH_END_FREEZE", None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(found, Is.Null);
        });
    }

    private static CalendarDefinition MonthEndFreeze() => new()
    {
        Name = "MONTH_END_FREEZE",
        Description = "No batch on quarter-end days",
        Dates = [new DateOnly(2026, 3, 31), new DateOnly(2026, 6, 30), new DateOnly(2026, 9, 30), new DateOnly(2026, 12, 31)],
    };
}
