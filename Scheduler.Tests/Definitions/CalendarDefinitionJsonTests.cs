using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

[TestFixture]
internal sealed class CalendarDefinitionJsonTests
{
    [Test]
    public void Check_SortsTheDates_WhenGivenOutOfOrder()
    {
        var outcome = CalendarDefinitionJson.Check("""{ "name": "FREEZE", "dates": ["2026-12-31", "2026-03-31"] }""");

        FieldErrorAssert.None(outcome.Errors);
        Assert.That(outcome.Value!.Dates, Is.EqualTo(new[] { new DateOnly(2026, 3, 31), new DateOnly(2026, 12, 31) }));
    }

    [TestCase("""{ "name": "FREEZE", "dates": [], "days": [] }""", "days", "is not a known field; allowed fields: name, description, dates")]
    [TestCase("""{ "name": "FREEZE", "dates": ["2026-02-30"] }""", "dates[0]", "must be a date as YYYY-MM-DD, got \"2026-02-30\"")]
    [TestCase("""{ "name": "FREEZE", "dates": ["31/12/2026"] }""", "dates[0]", "must be a date as YYYY-MM-DD")]
    [TestCase("""{ "name": "FREEZE", "dates": ["2026-03-31", "2026-03-31"] }""", "dates[1]", "2026-03-31 is listed more than once")]
    [TestCase("""{ "name": "FREEZE", "dates": "2026-03-31" }""", "dates", "must be an array of \"YYYY-MM-DD\" strings")]
    [TestCase("""{ "name": "US_HOLIDAYS", "dates": [] }""", "name", "is a built-in calendar and cannot be redefined")]
    [TestCase("""{ "name": "month end", "dates": [] }""", "name", "must use only letters, digits")]
    [TestCase("""{ "dates": [] }""", "name", "is required")]
    [TestCase("""{ "name": 5, "dates": [] }""", "name", "must be a string, got the number 5")]
    [TestCase("""{ "name": "FREEZE", "dates": [] """, "$", "malformed JSON at line 1")]
    [TestCase("""["FREEZE"]""", "$", "must be a JSON object holding a calendar")]
    public void Check_NamesTheField_WhenTheCalendarIsBroken(string json, string field, string messagePart)
    {
        FieldErrorAssert.Single(CalendarDefinitionJson.Check(json).Errors, field, messagePart);
    }
}
