using System.Text.Json.Nodes;

namespace EasyTask.Scheduler.Tests.Definitions;

[TestFixture]
internal sealed class TaskDefinitionValidatorDependencyTests
{
    [Test]
    public void Check_ReportsTheDependency_WhenATaskDependsOnItself()
    {
        var errors = TaskJson.Minimal().With("depends_on", new JsonArray("Nightly_Report")).Errors();

        FieldErrorAssert.Single(errors, "depends_on[0].task", "a task cannot depend on itself (\"Nightly_Report\")");
    }

    [Test]
    public void Check_ReportsTheCondition_WhenItIsNotSuccessFailureOrDone()
    {
        var errors = TaskJson.Minimal().With("depends_on", new JsonArray(new JsonObject { ["task"] = "Upstream", ["on"] = "finished" })).Errors();

        FieldErrorAssert.Single(errors, "depends_on[0].on", "must be one of success, failure, done, got \"finished\"");
    }

    [Test]
    public void Check_ReportsTheSecondMention_WhenADependencyIsListedTwice()
    {
        var errors = TaskJson.Minimal()
            .With("depends_on", new JsonArray("Upstream", new JsonObject { ["task"] = "Upstream", ["on"] = "failure" }))
            .Errors();

        FieldErrorAssert.Single(errors, "depends_on[1].task", "\"Upstream\" is listed more than once");
    }

    [Test]
    public void Check_ReportsTheTask_WhenADependencyObjectLeavesItOut()
    {
        var errors = TaskJson.Minimal().With("depends_on", new JsonArray(new JsonObject { ["on"] = "done" })).Errors();

        FieldErrorAssert.Single(errors, "depends_on[0].task", "is required: the name of the upstream task");
    }

    [Test]
    public void Check_ReportsTheTask_WhenTheUpstreamNameIsNotAValidName()
    {
        var errors = TaskJson.Minimal().With("depends_on", new JsonArray("Generate Invoice")).Errors();

        FieldErrorAssert.Single(errors, "depends_on[0].task", "must use only letters, digits");
    }

    [Test]
    public void Check_AcceptsDependencies_WhenEachConditionIsKnown()
    {
        var dependencies = new JsonArray(
            "A",
            new JsonObject { ["task"] = "B", ["on"] = "success" },
            new JsonObject { ["task"] = "C", ["on"] = "failure" },
            new JsonObject { ["task"] = "D", ["on"] = "done" },
            new JsonObject { ["task"] = "E" });

        FieldErrorAssert.None(TaskJson.Minimal().With("depends_on", dependencies).Errors());
    }
}
