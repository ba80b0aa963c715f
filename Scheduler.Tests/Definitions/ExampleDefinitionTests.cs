using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

[TestFixture]
internal sealed class ExampleDefinitionTests
{
    [Test]
    public void ExampleFolders_HoldDefinitions_WhenTheSharedFolderIsPresent()
    {
        // Without this, an emptied or moved folder would turn the data-driven tests below into zero tests that all "pass".
        Assert.Multiple(() =>
        {
            Assert.That(ExampleFiles.Tasks(), Is.Not.Empty, $"no task example in {ExampleFiles.TaskFolder}");
            Assert.That(ExampleFiles.Calendars(), Is.Not.Empty, $"no calendar example in {ExampleFiles.CalendarFolder}");
        });
    }

    [TestCaseSource(typeof(ExampleFiles), nameof(ExampleFiles.Tasks))]
    public void Check_ReportsNoError_WhenGivenAnExampleTask(string fileName)
    {
        var outcome = TaskDefinitionValidator.Check(ExampleFiles.Read(ExampleFiles.TaskFolder, fileName), ExampleFiles.CalendarCatalog());

        FieldErrorAssert.None(outcome.Errors);
        Assert.That(outcome.IsValid, Is.True);
    }

    [TestCaseSource(typeof(ExampleFiles), nameof(ExampleFiles.Calendars))]
    public void CalendarCheck_ReportsNoError_WhenGivenAnExampleCalendar(string fileName)
    {
        var outcome = CalendarDefinitionJson.Check(ExampleFiles.Read(ExampleFiles.CalendarFolder, fileName));

        FieldErrorAssert.None(outcome.Errors);
        Assert.That(outcome.Value!.Dates, Is.Not.Empty);
    }

    [TestCaseSource(typeof(ExampleFiles), nameof(ExampleFiles.Tasks))]
    public void Serialize_GivesBackAnEqualDefinition_WhenAnExampleTaskIsWrittenAndReadAgain(string fileName)
    {
        var calendars = ExampleFiles.CalendarCatalog();
        var original = TaskDefinitionValidator.Check(ExampleFiles.Read(ExampleFiles.TaskFolder, fileName), calendars).Value!;

        var reread = TaskDefinitionValidator.Check(TaskDefinitionJson.Serialize(original), calendars);

        FieldErrorAssert.None(reread.Errors);
        RoundTrip.AssertEqual(reread.Value!, original);
    }

    [Test]
    public void Serialize_GivesBackAnEqualDefinition_WhenEveryFieldIsSet()
    {
        var original = TaskJson.Full().Check();
        FieldErrorAssert.None(original.Errors);

        var reread = TaskDefinitionValidator.Check(TaskDefinitionJson.Serialize(original.Value!), TaskJson.Calendars);

        FieldErrorAssert.None(reread.Errors);
        RoundTrip.AssertEqual(reread.Value!, original.Value!);
    }

    [TestCaseSource(typeof(ExampleFiles), nameof(ExampleFiles.Calendars))]
    public void CalendarSerialize_GivesBackAnEqualCalendar_WhenAnExampleCalendarIsWrittenAndReadAgain(string fileName)
    {
        var original = CalendarDefinitionJson.Check(ExampleFiles.Read(ExampleFiles.CalendarFolder, fileName)).Value!;

        var reread = CalendarDefinitionJson.Check(CalendarDefinitionJson.Serialize(original));

        FieldErrorAssert.None(reread.Errors);
        Assert.Multiple(() =>
        {
            Assert.That(reread.Value! with { Dates = [] }, Is.EqualTo(original with { Dates = [] }));
            Assert.That(reread.Value!.Dates, Is.EqualTo(original.Dates));
        });
    }
}
