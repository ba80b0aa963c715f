using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>calendar.schema.json describes exactly what CalendarDefinitionJson accepts.</summary>
[TestFixture]
internal sealed class CalendarSchemaTests
{
    private const string Valid = """{ "name": "FREEZE", "description": "quarter ends", "dates": ["2026-03-31", "2026-06-30"] }""";

    private static SchemaFile Schema => SchemaFile.Calendar;

    [Test]
    public void SchemaProperties_EqualTheModelsJsonNames_WhenComparedWithCalendarDefinition()
    {
        var modelNames = typeof(CalendarDefinition).GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);

        Assert.That(Schema.PropertyNames, Is.EquivalentTo(modelNames));
    }

    [Test]
    public void SchemaRequired_EqualsTheFieldsTheValidatorRequires_WhenEachFieldIsLeftOut()
    {
        var requiredByValidator = Schema.PropertyNames.Where(field =>
        {
            var calendar = JsonNode.Parse(Valid)!.AsObject();
            calendar.Remove(field);
            return CalendarDefinitionJson.Check(calendar.ToJsonString()).Errors.Any(e => e.Field == field);
        });

        Assert.That(Schema.Required, Is.EquivalentTo(requiredByValidator));
    }

    [Test]
    public void SchemaName_ExcludesExactlyTheBuiltInCalendars()
    {
        var excluded = Schema.Properties["name"]!["not"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.That(excluded, Is.EquivalentTo(BuiltInCalendars.Names));
    }

    [TestCaseSource(typeof(ExampleFiles), nameof(ExampleFiles.Calendars))]
    public void SchemaValidation_ReportsNothing_WhenGivenAnExampleCalendar(string fileName)
    {
        Assert.That(Schema.ViolatedFields(ExampleFiles.Read(ExampleFiles.CalendarFolder, fileName)), Is.Empty);
    }

    [TestCase("""{ "name": "FREEZE", "dates": [], "days": [] }""", "days")]
    [TestCase("""{ "name": "US_HOLIDAYS", "dates": [] }""", "name")]
    [TestCase("""{ "name": "month end", "dates": [] }""", "name")]
    [TestCase("""{ "dates": [] }""", "name")]
    [TestCase("""{ "name": "FREEZE", "dates": ["31/12/2026"] }""", "dates")]
    [TestCase("""{ "name": "FREEZE", "dates": ["2026-02-30"] }""", "dates")]
    [TestCase("""{ "name": "FREEZE", "dates": ["2026-03-31", "2026-03-31"] }""", "dates")]
    [TestCase("""{ "name": "FREEZE", "dates": "2026-03-31" }""", "dates")]
    public void SchemaAndValidator_BothRejectTheCalendar_WhenAFieldBreaksARule(string json, string field)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CalendarDefinitionJson.Check(json).Errors.Select(e => e.Field.Split('[')[0]), Does.Contain(field), "validator");
            Assert.That(Schema.ViolatedFields(json), Does.Contain(field), "schema");
        });
    }

    [TestCase(Valid)]
    [TestCase("""{ "name": "FREEZE", "description": null, "dates": ["2028-02-29"] }""")]
    [TestCase("""{ "name": "EMPTY" }""")]
    public void SchemaAndValidator_BothAcceptTheCalendar_WhenItFollowsTheRules(string json)
    {
        Assert.Multiple(() =>
        {
            FieldErrorAssert.None(CalendarDefinitionJson.Check(json).Errors);
            Assert.That(Schema.ViolatedFields(json), Is.Empty, "schema");
        });
    }
}
