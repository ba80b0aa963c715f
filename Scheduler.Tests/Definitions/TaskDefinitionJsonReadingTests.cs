using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>What an operator sees when the JSON itself is wrong: unknown fields, wrong types, broken syntax.</summary>
[TestFixture]
internal sealed class TaskDefinitionJsonReadingTests
{
    [Test]
    public void Check_NamesTheFieldAndListsAllowedOnes_WhenAFieldIsUnknown()
    {
        var errors = TaskJson.Minimal().With("owner", "billing").Errors();

        FieldErrorAssert.Single(errors, "owner", "is not a known field");
        Assert.That(errors[0].Message, Does.Contain("task_owner").And.Contain("run_on_host"));
    }

    [Test]
    public void Check_ReportsUnknownField_WhenTheCaseDiffers()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("Timezone", "UTC").Errors(), "Timezone", "is not a known field");
    }

    [Test]
    public void Check_ReportsWrongType_WhenTidIsAString()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("tid", "42").Errors(), "tid", "must be a positive whole number, got the string \"42\"");
    }

    [Test]
    public void Check_ReportsWrongType_WhenTidIsAFraction()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("tid", 4.5).Errors(), "tid", "got the number 4.5");
    }

    [Test]
    public void Check_ReportsWrongType_WhenActiveIsYes()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("active", "yes").Errors(), "active", "must be true or false, got the string \"yes\"");
    }

    [Test]
    public void Check_ReportsTheTypeErrorOnce_WhenNameIsANumber()
    {
        // The rules would otherwise also say "name is required" about the default left in place of the bad value.
        FieldErrorAssert.Single(TaskJson.Minimal().With("name", 12).Errors(), "name", "must be a string, got the number 12");
    }

    [Test]
    public void Check_ReportsTheTypeErrorOnce_WhenMaxRunTimeIsTooLargeForSeconds()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("max_run_time", 99_999_999_999).Errors(), "max_run_time", "got the number 99999999999");
    }

    [Test]
    public void Check_ReportsWrongType_WhenAnEnvironmentValueIsNotAString()
    {
        var errors = TaskJson.Minimal().With("env", new JsonObject { ["DEBUG"] = 1 }).Errors();

        FieldErrorAssert.Single(errors, "env.DEBUG", "must be a string, got the number 1");
    }

    [Test]
    public void Check_ReportsTheDuplicate_WhenAFieldAppearsTwice()
    {
        var json = """{ "tid": 1, "name": "a", "name": "b", "cmd": "true", "run_on_host": "h" }""";

        var outcome = TaskDefinitionValidator.Check(json, TaskJson.Calendars);

        FieldErrorAssert.Single(outcome.Errors, "name", "appears more than once");
    }

    [Test]
    public void Check_ReportsTheDuplicate_WhenAnEnvironmentNameAppearsTwice()
    {
        var json = """{ "tid": 1, "name": "a", "cmd": "true", "run_on_host": "h", "env": { "MODE": "a", "MODE": "b" } }""";

        var outcome = TaskDefinitionValidator.Check(json, TaskJson.Calendars);

        FieldErrorAssert.Single(outcome.Errors, "env.MODE", "appears more than once");
    }

    [Test]
    public void Check_PointsAtLineAndPosition_WhenACommaIsMissing()
    {
        var json = "{\n  \"tid\": 1,\n  \"name\": \"a\"\n  \"cmd\": \"true\"\n}";

        var outcome = TaskDefinitionValidator.Check(json, TaskJson.Calendars);

        Assert.That(outcome.Value, Is.Null);
        FieldErrorAssert.Single(outcome.Errors, "$", "malformed JSON at line 4, position 3");
    }

    [Test]
    public void Check_ReportsMalformedJson_WhenTheDocumentHasATrailingComma()
    {
        var outcome = TaskDefinitionValidator.Check("{ \"tid\": 1, }", TaskJson.Calendars);

        FieldErrorAssert.Single(outcome.Errors, "$", "malformed JSON at line 1");
    }

    [Test]
    public void Check_ReportsMalformedJson_WhenTheFileIsEmpty()
    {
        FieldErrorAssert.Single(TaskDefinitionValidator.Check("", TaskJson.Calendars).Errors, "$", "malformed JSON at line 1, position 1");
    }

    [Test]
    public void Check_AcceptsComments_WhenTheDefinitionIsOtherwiseValid()
    {
        var json = "// nightly report\n" + TaskJson.Minimal().ToJsonString();

        FieldErrorAssert.None(TaskDefinitionValidator.Check(json, TaskJson.Calendars).Errors);
    }

    [Test]
    public void Check_AsksForAnObject_WhenGivenAnArray()
    {
        var outcome = TaskDefinitionValidator.Check($"[{TaskJson.Minimal().ToJsonString()}]", TaskJson.Calendars);

        FieldErrorAssert.Single(outcome.Errors, "$", "must be a JSON object holding a task definition, got an array");
    }

    [Test]
    public void Check_NamesTheField_WhenADependencyObjectHasAnUnknownField()
    {
        var errors = TaskJson.Minimal().With("depends_on", new JsonArray(new JsonObject { ["task"] = "Upstream", ["when"] = "done" })).Errors();

        FieldErrorAssert.Single(errors, "depends_on[0].when", "is not a known field; allowed fields: task, on");
    }

    [Test]
    public void Check_NamesTheItem_WhenADependencyIsNeitherANameNorAnObject()
    {
        var errors = TaskJson.Minimal().With("depends_on", new JsonArray("Upstream", 5)).Errors();

        FieldErrorAssert.Single(errors, "depends_on[1]", "must be a task name or {\"task\": NAME");
    }

    [Test]
    public void Check_ReadsABareDependencyName_AsWaitingForSuccess()
    {
        var outcome = TaskJson.Minimal().With("depends_on", new JsonArray("Upstream")).Check();

        FieldErrorAssert.None(outcome.Errors);
        Assert.That(outcome.Value!.DependsOn, Is.EqualTo(new[] { new TaskDependency { Task = "Upstream", On = DependencyCondition.Success } }));
    }

    [Test]
    public void Check_FillsDefaults_WhenOptionalFieldsAreLeftOut()
    {
        var definition = TaskJson.Minimal().Check().Value!;

        Assert.Multiple(() =>
        {
            Assert.That(definition.Timezone, Is.EqualTo(TaskDefaults.Timezone));
            Assert.That(definition.Instance, Is.EqualTo(TaskDefaults.Instance));
            Assert.That(definition.DayOfWeek, Is.EqualTo(TaskDefaults.DayOfWeek));
            Assert.That(definition.Active, Is.True);
            Assert.That(definition.Concurrency, Is.EqualTo(ConcurrencyPolicy.Skip));
            Assert.That(definition.MisfireGrace, Is.EqualTo(TaskDefaults.MisfireGraceSeconds));
            Assert.That(definition.RetryDelay, Is.EqualTo(TaskDefaults.RetryDelaySeconds));
        });
    }
}
