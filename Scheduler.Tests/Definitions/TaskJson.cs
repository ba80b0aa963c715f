using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>Builds definition JSON for rule tests: a small valid definition, changed one field at a time.</summary>
internal static class TaskJson
{
    /// <summary>Calendars known to the tests: the built-ins plus one custom calendar.</summary>
    public static ICalendarCatalog Calendars { get; } = new CalendarCatalog(["MONTH_END_FREEZE"]);

    /// <summary>The smallest definition that passes every rule.</summary>
    public static JsonObject Minimal() => new()
    {
        ["tid"] = 42,
        ["name"] = "Nightly_Report",
        ["cmd"] = "echo report",
        ["run_on_host"] = "batch-01",
    };

    /// <summary>A valid definition with every known field set (cron stands in for trigger_times: only one may be given).</summary>
    public static JsonObject Full() => new()
    {
        ["tid"] = 7,
        ["name"] = "Ledger.Close-EU",
        ["task_owner"] = "CORP\\batch",
        ["cmd"] = "ledger close --region eu",
        ["run_on_host"] = "ledger-01.example.com",
        ["max_run_time"] = 1800,
        ["description"] = "Closes the EU ledger after the day's postings",
        ["retry_attempts"] = 2,
        ["stdout"] = "ledger/close.out",
        ["stderr"] = "ledger/close.err",
        ["timezone"] = "Europe/London",
        ["active"] = false,
        ["calendar"] = "MONTH_END_FREEZE",
        ["instance"] = "eu-west",
        ["day_of_week"] = "1111100",
        ["group"] = "finance",
        ["depends_on"] = new JsonArray("Ledger.Post-EU", new JsonObject { ["task"] = "Fx.Rates", ["on"] = "done" }),
        ["priority"] = 80,
        ["cron"] = "0 30 18 * * 1-5",
        ["env"] = new JsonObject { ["REGION"] = "eu", ["LEDGER_MODE"] = "close" },
        ["working_dir"] = "/srv/ledger",
        ["misfire_grace"] = 600,
        ["concurrency"] = "queue",
        ["retry_delay"] = 30,
    };

    public static JsonObject With(this JsonObject definition, string field, JsonNode? value)
    {
        definition[field] = value;
        return definition;
    }

    public static JsonObject Without(this JsonObject definition, string field)
    {
        definition.Remove(field);
        return definition;
    }

    public static ParseOutcome<TaskDefinition> Check(this JsonObject definition) =>
        TaskDefinitionValidator.Check(definition.ToJsonString(), Calendars);

    public static IReadOnlyList<FieldError> Errors(this JsonObject definition) => definition.Check().Errors;
}
