namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>What a task is and where it runs: required fields, names, owner.</summary>
[TestFixture]
internal sealed class TaskDefinitionValidatorIdentityTests
{
    [TestCase("tid", "is required: a positive whole number")]
    [TestCase("name", "is required: letters, digits")]
    [TestCase("cmd", "is required: the shell command line to run")]
    [TestCase("run_on_host", "is required: letters, digits")]
    public void Check_NamesTheRequiredField_WhenItIsMissing(string field, string messagePart)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().Without(field).Errors(), field, messagePart);
    }

    [Test]
    public void Check_NamesEveryRequiredField_WhenTheDefinitionIsEmpty()
    {
        var errors = TaskJson.Minimal().Without("tid").Without("name").Without("cmd").Without("run_on_host").Errors();

        FieldErrorAssert.Fields(errors, "tid", "name", "cmd", "run_on_host");
    }

    [TestCase("cmd", "   ", "is required")]
    [TestCase("name", "", "is required")]
    [TestCase("instance", "", "is required")]
    public void Check_ReportsTheField_WhenARequiredValueIsBlank(string field, string value, string messagePart)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With(field, value).Errors(), field, messagePart);
    }

    [Test]
    public void Check_ReportsTid_WhenNegative()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("tid", -3).Errors(), "tid", "must be a positive whole number, got -3");
    }

    [TestCase("Nightly Report")]
    [TestCase("nightly/report")]
    [TestCase("rapport_été")]
    public void Check_ReportsName_WhenItHoldsCharactersOutsideTheAllowedSet(string name)
    {
        FieldErrorAssert.Single(
            TaskJson.Minimal().With("name", name).Errors(),
            "name",
            $"must use only letters, digits, '_', '.', '-' and be at most 128 characters, got \"{name}\"");
    }

    [Test]
    public void Check_ReportsName_WhenLongerThan128Characters()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("name", new string('n', 129)).Errors(), "name", "at most 128 characters");
    }

    [Test]
    public void Check_AcceptsName_WhenExactly128Characters()
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("name", new string('n', 128)).Errors());
    }

    [TestCase("run_on_host", "billing 01")]
    [TestCase("group", "month end")]
    [TestCase("instance", "eu/west")]
    public void Check_ReportsTheField_WhenAnIdentifierHoldsASpaceOrSlash(string field, string value)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With(field, value).Errors(), field, "must use only letters, digits");
    }

    [TestCase("billing")]
    [TestCase("CORP\\svc-batch")]
    [TestCase("svc_batch@corp.example")]
    [TestCase("WEB01$")]
    public void Check_AcceptsTaskOwner_WhenItIsAnOsUserName(string owner)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("task_owner", owner).Errors());
    }

    [TestCase("bad user")]
    [TestCase("root;rm")]
    public void Check_ReportsTaskOwner_WhenItIsNotAnOsUserName(string owner)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("task_owner", owner).Errors(), "task_owner", "must be an OS user name");
    }
}
