using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>Files holding an array of definitions: every problem is prefixed with the item's index.</summary>
[TestFixture]
internal sealed class TaskDefinitionValidatorCheckManyTests
{
    [Test]
    public void CheckMany_PrefixesTheIndex_WhenTheSecondDefinitionBreaksARule()
    {
        var outcomes = CheckMany(TaskJson.Minimal(), Second().With("timezone", "Mars/Phobos"));

        Assert.That(outcomes, Has.Count.EqualTo(2));
        FieldErrorAssert.None(outcomes[0].Errors);
        FieldErrorAssert.Single(outcomes[1].Errors, "[1].timezone", "is not a known time zone");
    }

    [Test]
    public void CheckMany_PrefixesTheIndex_WhenTheFirstDefinitionBreaksARule()
    {
        // The first item must be told apart from a lone definition too, or an operator cannot tell which one is wrong.
        var outcomes = CheckMany(TaskJson.Minimal().With("timezone", "Mars/Phobos"), Second());

        FieldErrorAssert.Single(outcomes[0].Errors, "[0].timezone", "is not a known time zone");
        FieldErrorAssert.None(outcomes[1].Errors);
    }

    [Test]
    public void CheckMany_ReportsTheTypeErrorOnce_WhenAnItemHasAWrongType()
    {
        var outcomes = CheckMany(TaskJson.Minimal(), Second().With("name", 12).With("day_of_week", "1"));

        FieldErrorAssert.Fields(outcomes[1].Errors, "[1].name", "[1].day_of_week");
    }

    [Test]
    public void CheckMany_NamesTheItem_WhenItIsNotAnObject()
    {
        var outcomes = TaskDefinitionValidator.CheckMany($"[{TaskJson.Minimal().ToJsonString()}, 17]", TaskJson.Calendars);

        Assert.That(outcomes[1].Value, Is.Null);
        FieldErrorAssert.Single(outcomes[1].Errors, "[1]", "must be a JSON object holding a task definition, got the number 17");
    }

    [Test]
    public void CheckMany_LeavesFieldsUnprefixed_WhenTheFileHoldsOneObject()
    {
        var outcomes = TaskDefinitionValidator.CheckMany(TaskJson.Minimal().With("timezone", "Mars/Phobos").ToJsonString(), TaskJson.Calendars);

        Assert.That(outcomes, Has.Count.EqualTo(1));
        FieldErrorAssert.Single(outcomes[0].Errors, "timezone", "is not a known time zone");
    }

    [Test]
    public void CheckMany_ReportsTheDocument_WhenTheArrayIsEmpty()
    {
        FieldErrorAssert.Single(TaskDefinitionValidator.CheckMany("[]", TaskJson.Calendars).Single().Errors, "$", "the array holds no task definition");
    }

    [Test]
    public void CheckMany_ReportsLineAndPosition_WhenTheArrayIsMalformed()
    {
        var outcomes = TaskDefinitionValidator.CheckMany("[\n  { \"tid\": 1 },\n  { \"tid\": 2 \n]", TaskJson.Calendars);

        FieldErrorAssert.Single(outcomes.Single().Errors, "$", "malformed JSON at line 4, position 1: ']' is invalid without a matching open");
    }

    private static JsonObject Second() => TaskJson.Minimal().With("tid", 43).With("name", "Second_Report");

    private static IReadOnlyList<ParseOutcome<TaskDefinition>> CheckMany(params JsonObject[] definitions) =>
        TaskDefinitionValidator.CheckMany(new JsonArray(definitions).ToJsonString(), TaskJson.Calendars);
}
