using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>How problems are reported as a whole: all at once, each once, on the right field.</summary>
[TestFixture]
internal sealed class TaskDefinitionValidatorTests
{
    [Test]
    public void Check_ReportsEveryProblemAtOnce_WhenFourFieldsAreWrong()
    {
        var errors = TaskJson.Minimal()
            .With("colour", "blue")
            .With("timezone", "Mars/Phobos")
            .With("max_run_time", -1)
            .With("day_of_week", "11111")
            .Errors();

        FieldErrorAssert.Fields(errors, "colour", "timezone", "max_run_time", "day_of_week");
    }

    [Test]
    public void Check_ReportsTypeAndRuleErrorsTogether_WhenBothKindsOccur()
    {
        var errors = TaskJson.Minimal()
            .With("active", "yes")
            .With("retry_attempts", "3")
            .With("concurrency", "never")
            .With("stdout", "/var/log/x")
            .Errors();

        FieldErrorAssert.Fields(errors, "active", "retry_attempts", "concurrency", "stdout");
    }

    [Test]
    public void Check_ReportsTheTypeErrorOnly_WhenTheFieldAlsoFailsARule()
    {
        // A tid of the wrong type leaves tid at 0, which the rules alone would call "required".
        var errors = TaskJson.Minimal().With("tid", "seven").With("cmd", false).Errors();

        Assert.Multiple(() =>
        {
            FieldErrorAssert.Fields(errors, "tid", "cmd");
            Assert.That(errors.Select(e => e.Message), Has.None.Contains("is required"));
        });
    }

    [Test]
    public void Validate_ReportsNothing_WhenTheDefinitionIsBuiltInCodeWithRequiredFields()
    {
        var definition = new TaskDefinition { Tid = 1, Name = "built", Cmd = "true", RunOnHost = "h" };

        FieldErrorAssert.None(TaskDefinitionValidator.Validate(definition, CalendarCatalog.BuiltInOnly));
    }

    [Test]
    public void Validate_ReportsTheRule_WhenACodeBuiltDefinitionBreaksIt()
    {
        var definition = new TaskDefinition { Tid = 1, Name = "built", Cmd = "true", RunOnHost = "h", Concurrency = "twice" };

        FieldErrorAssert.Single(TaskDefinitionValidator.Validate(definition, CalendarCatalog.BuiltInOnly), "concurrency", "must be one of skip, queue, allow");
    }
}
