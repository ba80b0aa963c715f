using System.Text.Json.Nodes;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>The monitoring fields: retry_on_exit_codes, late_after, expected_duration, notify.</summary>
[TestFixture]
internal sealed class TaskDefinitionValidatorMonitoringTests
{
    [Test]
    public void Check_AcceptsMonitoringFields_WhenWellFormed()
    {
        var json = TaskJson.Minimal()
            .With("retry_on_exit_codes", new JsonArray(1, 75))
            .With("late_after", 300)
            .With("expected_duration", 600)
            .With("notify", new JsonObject { ["channels"] = new JsonArray("ops"), ["on"] = new JsonArray("failed", "late") });

        FieldErrorAssert.None(json.Errors());
    }

    [Test]
    public void Check_ReportsTheCode_WhenRetryOnExitCodesHoldsZero() =>
        FieldErrorAssert.Single(TaskJson.Minimal().With("retry_on_exit_codes", new JsonArray(1, 0)).Errors(), "retry_on_exit_codes[1]", "from 1 to 255");

    [TestCase("late_after")]
    [TestCase("expected_duration")]
    public void Check_ReportsField_WhenSecondsAreNotPositive(string field) =>
        FieldErrorAssert.Single(TaskJson.Minimal().With(field, 0).Errors(), field, "seconds from 1");

    [Test]
    public void Check_ReportsUnknownKind_WhenNotifyNamesOne() =>
        FieldErrorAssert.Single(
            TaskJson.Minimal().With("notify", new JsonObject { ["channels"] = new JsonArray("ops"), ["on"] = new JsonArray("exploded") }).Errors(),
            "notify.on[0]",
            "must be one of failed, timed_out");

    [Test]
    public void Check_ReportsChannels_WhenNotifyNamesNone() =>
        FieldErrorAssert.Single(TaskJson.Minimal().With("notify", new JsonObject { ["channels"] = new JsonArray() }).Errors(), "notify.channels", "at least one channel");
}
