using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>
/// The schema and the validator give the same verdict on the same field value. Only rules a schema can
/// express are listed here; the schema's description names the ones it leaves to the validator.
/// </summary>
[TestFixture]
internal sealed class TaskDefinitionSchemaAgreementTests
{
    [TestCase("colour", "\"blue\"", Description = "unknown field")]
    [TestCase("day_of_week", "\"111110\"")]
    [TestCase("day_of_week", "\"1111102\"")]
    [TestCase("day_of_week", "\"0000000\"")]
    [TestCase("max_run_time", "-1")]
    [TestCase("retry_attempts", "101")]
    [TestCase("retry_delay", "86401")]
    [TestCase("misfire_grace", "-1")]
    [TestCase("priority", "-1")]
    [TestCase("tid", "0")]
    [TestCase("tid", "\"42\"")]
    [TestCase("tid", "4.5")]
    [TestCase("name", "12")]
    [TestCase("name", "\"Nightly Report\"")]
    [TestCase("name", "\"rapport_été\"")]
    [TestCase("cmd", "\"   \"")]
    [TestCase("active", "\"yes\"")]
    [TestCase("active", "null")]
    [TestCase("timezone", "null")]
    [TestCase("timezone", "\" UTC\"")]
    [TestCase("task_owner", "\"bad user\"")]
    [TestCase("instance", "\"eu/west\"")]
    [TestCase("group", "\"month end\"")]
    [TestCase("calendar", "\"MONTH END\"")]
    [TestCase("stdout", "\"../x\"")]
    [TestCase("stdout", "\"a/../../b\"")]
    [TestCase("stdout", "\"a/..\"")]
    [TestCase("stdout", "\"/etc/passwd\"")]
    [TestCase("stderr", "\"C:\\\\x\"")]
    [TestCase("stderr", "\"logs/\"")]
    [TestCase("stderr", "\"a//b\"")]
    [TestCase("stderr", "\"report.\"")]
    [TestCase("stdout", "\"   \"")]
    [TestCase("stdout", "\"out|err\"")]
    [TestCase("trigger_times", "\"8:30\"")]
    [TestCase("trigger_times", "\"25:00\"")]
    [TestCase("trigger_times", "\"08:60\"")]
    [TestCase("trigger_times", "\"08:30,,14:00\"")]
    [TestCase("trigger_times", "\"\"")]
    [TestCase("cron", "\"0 8 * *\"")]
    [TestCase("cron", "\"0 0 8 * * 1-5 2026\"")]
    [TestCase("concurrency", "\"sometimes\"")]
    [TestCase("concurrency", "\"Queue\"")]
    [TestCase("env", "{\"1ST\": \"x\"}")]
    [TestCase("env", "{\"MY-VAR\": \"x\"}")]
    [TestCase("env", "{\"EASYTASK_RUN_ID\": \"x\"}")]
    [TestCase("env", "{\"easytask_home\": \"x\"}")]
    [TestCase("env", "{\"DEBUG\": 1}")]
    [TestCase("env", "[\"A=1\"]")]
    [TestCase("depends_on", "[5]")]
    [TestCase("depends_on", "\"Upstream\"")]
    [TestCase("depends_on", "[{\"on\": \"done\"}]")]
    [TestCase("depends_on", "[{\"task\": \"Upstream\", \"on\": \"finished\"}]")]
    [TestCase("depends_on", "[{\"task\": \"Upstream\", \"when\": \"done\"}]")]
    [TestCase("depends_on", "[\"Generate Invoice\"]")]
    [TestCase("working_dir", "\" \"")]
    [TestCase("description", "4001")]
    public void SchemaAndValidator_BothRejectTheField_WhenItsValueBreaksARule(string field, string valueJson)
    {
        var json = WithField(field, valueJson);

        Assert.Multiple(() =>
        {
            Assert.That(RootFields(TaskDefinitionValidator.Check(json, TaskJson.Calendars).Errors), Does.Contain(field), "validator");
            Assert.That(SchemaFile.TaskDefinition.ViolatedFields(json), Does.Contain(field), "schema");
        });
    }

    [TestCase("name", "\"Ledger.Close-EU_2\"")]
    [TestCase("task_owner", "\"CORP\\\\svc-batch\"")]
    [TestCase("task_owner", "\"WEB01$\"")]
    [TestCase("task_owner", "null")]
    [TestCase("day_of_week", "\"0000001\"")]
    [TestCase("max_run_time", "0")]
    [TestCase("retry_attempts", "100")]
    [TestCase("retry_delay", "86400")]
    [TestCase("priority", "100")]
    [TestCase("timezone", "\"US/Eastern\"")]
    [TestCase("calendar", "\"US_HOLIDAYS\"")]
    [TestCase("stdout", "\"reports/nightly/report.out\"")]
    [TestCase("stdout", "\"./report.out\"")]
    [TestCase("stdout", "\"..report.out\"")]
    [TestCase("stderr", "\"logs\\\\report.err\"")]
    [TestCase("stderr", "null")]
    [TestCase("trigger_times", "\"00:00, 23:59\"")]
    [TestCase("cron", "\"0 8 * * 1-5\"")]
    [TestCase("cron", "\"*/15 * * * * *\"")]
    [TestCase("cron", "\"@daily\"")]
    [TestCase("concurrency", "\"allow\"")]
    [TestCase("env", "{\"path_extra\": \"x\", \"_A1\": \"\"}")]
    [TestCase("env", "null")]
    [TestCase("depends_on", "[\"A\", {\"task\": \"B\", \"on\": \"failure\"}, {\"task\": \"C\"}]")]
    [TestCase("depends_on", "[]")]
    [TestCase("working_dir", "\"C:\\\\batch\"")]
    [TestCase("description", "null")]
    public void SchemaAndValidator_BothAcceptTheField_WhenItsValueFollowsTheRules(string field, string valueJson)
    {
        var json = WithField(field, valueJson);

        Assert.Multiple(() =>
        {
            FieldErrorAssert.None(TaskDefinitionValidator.Check(json, TaskJson.Calendars).Errors);
            Assert.That(SchemaFile.TaskDefinition.ViolatedFields(json), Is.Empty, "schema");
        });
    }

    private static string WithField(string field, string valueJson)
    {
        // A number stands for "a string that long" so long values stay readable in the case list.
        var value = field == "description" && int.TryParse(valueJson, out var length)
            ? JsonValue.Create(new string('d', length))
            : JsonNode.Parse(valueJson);
        return TaskJson.Minimal().With(field, value).ToJsonString();
    }

    private static IEnumerable<string> RootFields(IEnumerable<FieldError> errors) =>
        errors.Select(e => e.Field.Split('.', '[')[0]);
}
