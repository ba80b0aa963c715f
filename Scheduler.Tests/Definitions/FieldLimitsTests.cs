using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>
/// Every field has one size limit (<see cref="FieldLimits"/>) that the validator and the JSON Schema agree on: the
/// longest valid value passes both, one character (or item) more fails both, naming the field.
/// </summary>
[TestFixture]
internal sealed class FieldLimitsTests
{
    [Test]
    public void LongestTask_IsValid_ForTheValidatorAndTheSchema()
    {
        foreach (var task in new[] { LongestDefinitions.Task(), LongestDefinitions.TaskWithTriggerTimes() })
        {
            var catalog = new CalendarCatalog([task.Calendar!]);
            var json = TaskDefinitionJson.Serialize(task);

            Assert.Multiple(() =>
            {
                Assert.That(TaskDefinitionValidator.Check(json, catalog).Errors, Is.Empty, "validator");
                Assert.That(SchemaFile.TaskDefinition.ViolatedFields(json), Is.Empty, "schema");
            });
        }
    }

    [Test]
    public void LongestCalendar_IsValid_ForTheValidatorAndTheSchema()
    {
        var json = CalendarDefinitionJson.Serialize(LongestDefinitions.Calendar());

        Assert.Multiple(() =>
        {
            Assert.That(CalendarDefinitionJson.Check(json).Errors, Is.Empty, "validator");
            Assert.That(SchemaFile.Calendar.ViolatedFields(json), Is.Empty, "schema");
        });
    }

    [TestCase("name", FieldLimits.Name)]
    [TestCase("run_on_host", FieldLimits.RunOnHost)]
    [TestCase("group", FieldLimits.Group)]
    [TestCase("instance", FieldLimits.Instance)]
    [TestCase("calendar", FieldLimits.Name)]
    [TestCase("task_owner", FieldLimits.TaskOwner)]
    [TestCase("description", FieldLimits.Description)]
    [TestCase("cmd", FieldLimits.Cmd)]
    [TestCase("working_dir", FieldLimits.WorkingDir)]
    [TestCase("stdout", FieldLimits.OutputFile)]
    [TestCase("stderr", FieldLimits.OutputFile)]
    [TestCase("timezone", FieldLimits.Timezone)]
    [TestCase("cron", FieldLimits.Cron)]
    [TestCase("trigger_times", FieldLimits.TriggerTimes)]
    [TestCase("env", FieldLimits.EnvValue)]
    [TestCase("env", FieldLimits.EnvName)]
    [TestCase("env", FieldLimits.EnvEntries)]
    [TestCase("depends_on", FieldLimits.DependsOn)]
    [TestCase("retry_on_exit_codes", FieldLimits.RetryOnExitCodes)]
    [TestCase("notify", FieldLimits.NotifyChannels)]
    [TestCase("notify", FieldLimits.ChannelName)]
    public void Field_IsRejectedByValidatorAndSchema_WhenOneOverItsLimit(string field, int limit)
    {
        var task = field == "trigger_times" ? LongestDefinitions.TaskWithTriggerTimes() : LongestDefinitions.Task();
        var longest = JsonNode.Parse(TaskDefinitionJson.Serialize(task))!.AsObject();
        var json = longest.With(field, OneOver(field, limit, longest)).ToJsonString();
        var catalog = new CalendarCatalog([LongestDefinitions.Task().Calendar!, LongestDefinitions.Fill("cal_", FieldLimits.Name + 1)]);

        Assert.Multiple(() =>
        {
            Assert.That(TaskDefinitionValidator.Check(json, catalog).Errors.Select(e => e.Field.Split('.', '[')[0]), Does.Contain(field), "validator");
            Assert.That(SchemaFile.TaskDefinition.ViolatedFields(json), Does.Contain(field), "schema");
        });
    }

    [TestCase("name", FieldLimits.Name)]
    [TestCase("description", FieldLimits.Description)]
    [TestCase("dates", FieldLimits.CalendarDates)]
    public void CalendarField_IsRejectedByValidatorAndSchema_WhenOneOverItsLimit(string field, int limit)
    {
        var calendar = JsonNode.Parse(CalendarDefinitionJson.Serialize(LongestDefinitions.Calendar()))!.AsObject();
        calendar[field] = field switch
        {
            "name" => LongestDefinitions.Fill("c", limit + 1),
            "description" => LongestDefinitions.Text(limit + 1),
            _ => new JsonArray([.. Enumerable.Range(0, limit + 1).Select(i => (JsonNode)new DateOnly(2000, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]),
        };
        var json = calendar.ToJsonString();

        Assert.Multiple(() =>
        {
            Assert.That(CalendarDefinitionJson.Check(json).Errors.Select(e => e.Field), Does.Contain(field), "validator");
            Assert.That(SchemaFile.Calendar.ViolatedFields(json), Does.Contain(field), "schema");
        });
    }

    /// <summary>The field's longest valid value made one character (or one item) longer, in the dimension <paramref name="limit"/> names.</summary>
    private static JsonNode? OneOver(string field, int limit, JsonObject longest) => (field, limit) switch
    {
        ("task_owner", _) => LongestDefinitions.Fill("owner", limit) + "$",
        ("stdout" or "stderr", _) => LongestDefinitions.Fill("logs/out", limit - 3) + ".log",
        ("description" or "cmd", _) => LongestDefinitions.Text(limit + 1),
        ("working_dir", _) => "/" + LongestDefinitions.Fill("w", limit),
        ("timezone", _) => "America/" + LongestDefinitions.Fill("x", limit - 7),
        ("cron" or "trigger_times", _) => longest[field]!.GetValue<string>() + " ",
        ("env", FieldLimits.EnvValue) => new JsonObject { ["BIG"] = LongestDefinitions.Text(limit + 1) },
        ("env", FieldLimits.EnvName) => new JsonObject { [LongestDefinitions.Fill("LONG_", limit + 1)] = "x" },
        ("env", _) => new JsonObject(Enumerable.Range(0, limit + 1).Select(i => KeyValuePair.Create($"V{i}", (JsonNode?)"x"))),
        ("depends_on", _) => new JsonArray([.. Enumerable.Range(0, limit + 1).Select(i => (JsonNode)$"up{i}")]),
        ("retry_on_exit_codes", _) => new JsonArray([.. Enumerable.Range(0, limit + 1).Select(i => (JsonNode)(i % 255 + 1))]),
        ("notify", FieldLimits.NotifyChannels) => new JsonObject { ["channels"] = new JsonArray([.. Enumerable.Range(0, limit + 1).Select(i => (JsonNode)$"c{i}")]) },
        ("notify", _) => new JsonObject { ["channels"] = new JsonArray(LongestDefinitions.Fill("c", limit + 1)) },
        ("calendar", _) => LongestDefinitions.Fill("cal_", limit + 1),
        _ => LongestDefinitions.Fill("x", limit + 1),
    };
}
