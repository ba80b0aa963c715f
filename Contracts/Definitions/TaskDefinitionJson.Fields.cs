using System.Text.Json;

namespace EasyTask.Contracts.Definitions;

public static partial class TaskDefinitionJson
{
    private delegate TaskDefinition FieldRead(JsonElement value, JsonFieldReader reader, TaskDefinition definition);

    private const string NonNegative = "a whole number, 0 or more";

    /// <summary>Every accepted field, in documentation order; a field missing here is an unknown field.</summary>
    private static readonly Dictionary<string, FieldRead> FieldReaders = new(StringComparer.Ordinal)
    {
        ["tid"] = (v, r, d) => r.Int64(v, "tid", "a positive whole number") is { } x ? d with { Tid = x } : d,
        ["name"] = (v, r, d) => r.String(v, "name") is { } x ? d with { Name = x } : d,
        ["task_owner"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "task_owner") is { } x ? d with { TaskOwner = x } : d,
        ["cmd"] = (v, r, d) => r.String(v, "cmd") is { } x ? d with { Cmd = x } : d,
        ["run_on_host"] = (v, r, d) => r.String(v, "run_on_host") is { } x ? d with { RunOnHost = x } : d,
        ["max_run_time"] = (v, r, d) => r.Int32(v, "max_run_time", "seconds as " + NonNegative) is { } x ? d with { MaxRunTime = x } : d,
        ["description"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "description") is { } x ? d with { Description = x } : d,
        ["retry_attempts"] = (v, r, d) => r.Int32(v, "retry_attempts", NonNegative) is { } x ? d with { RetryAttempts = x } : d,
        ["stdout"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "stdout") is { } x ? d with { Stdout = x } : d,
        ["stderr"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "stderr") is { } x ? d with { Stderr = x } : d,
        ["timezone"] = (v, r, d) => r.String(v, "timezone") is { } x ? d with { Timezone = x } : d,
        ["active"] = (v, r, d) => r.Boolean(v, "active") is { } x ? d with { Active = x } : d,
        ["calendar"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "calendar") is { } x ? d with { Calendar = x } : d,
        ["instance"] = (v, r, d) => r.String(v, "instance") is { } x ? d with { Instance = x } : d,
        ["day_of_week"] = (v, r, d) => r.String(v, "day_of_week") is { } x ? d with { DayOfWeek = x } : d,
        ["trigger_times"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "trigger_times") is { } x ? d with { TriggerTimes = x } : d,
        ["group"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "group") is { } x ? d with { Group = x } : d,
        ["depends_on"] = (v, r, d) => ReadDependencies(v, r) is { } x ? d with { DependsOn = x } : d,
        ["priority"] = (v, r, d) => r.Int32(v, "priority", "a whole number from 0 to 100") is { } x ? d with { Priority = x } : d,
        ["cron"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "cron") is { } x ? d with { Cron = x } : d,
        ["env"] = (v, r, d) => ReadEnvironment(v, r) is { } x ? d with { Env = x } : d,
        ["working_dir"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.String(v, "working_dir") is { } x ? d with { WorkingDir = x } : d,
        ["misfire_grace"] = (v, r, d) => r.Int32(v, "misfire_grace", "seconds as " + NonNegative) is { } x ? d with { MisfireGrace = x } : d,
        ["concurrency"] = (v, r, d) => r.String(v, "concurrency") is { } x ? d with { Concurrency = x } : d,
        ["retry_delay"] = (v, r, d) => r.Int32(v, "retry_delay", "seconds as " + NonNegative) is { } x ? d with { RetryDelay = x } : d,
        ["retry_on_exit_codes"] = (v, r, d) => ReadExitCodes(v, r) is { } x ? d with { RetryOnExitCodes = x } : d,
        ["late_after"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.Int32(v, "late_after", "seconds as a whole number") is { } x ? d with { LateAfter = x } : d,
        ["expected_duration"] = (v, r, d) => v.ValueKind == JsonValueKind.Null ? d : r.Int32(v, "expected_duration", "seconds as a whole number") is { } x ? d with { ExpectedDuration = x } : d,
        ["notify"] = (v, r, d) => ReadNotify(v, r) is { } x ? d with { Notify = x } : d,
    };

    /// <summary>The field names a definition may hold.</summary>
    public static IReadOnlyCollection<string> KnownFields => FieldReaders.Keys;

    private static List<TaskDependency>? ReadDependencies(JsonElement value, JsonFieldReader reader)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Fail("depends_on", $"must be an array of {{\"task\": NAME, \"on\": \"success|failure|done\"}}, got {JsonFieldReader.Describe(value)}");
            return null;
        }

        var dependencies = new List<TaskDependency>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"depends_on[{index++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                // A bare name is the common case; it means "on success".
                dependencies.Add(new TaskDependency { Task = reader.String(item, field) ?? "" });
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Fail(field, $"must be a task name or {{\"task\": NAME, \"on\": \"success|failure|done\"}}, got {JsonFieldReader.Describe(item)}");
                continue;
            }

            dependencies.Add(ReadDependency(item, field, reader));
        }

        return dependencies;
    }

    private static TaskDependency ReadDependency(JsonElement item, string field, JsonFieldReader reader)
    {
        var dependency = new TaskDependency();
        foreach (var property in item.EnumerateObject())
        {
            var path = $"{field}.{property.Name}";
            dependency = property.Name switch
            {
                "task" => reader.String(property.Value, path) is { } task ? dependency with { Task = task } : dependency,
                "on" => reader.String(property.Value, path) is { } on ? dependency with { On = on } : dependency,
                _ => Unknown(reader, path, dependency),
            };
        }

        return dependency;
    }

    private static TaskDependency Unknown(JsonFieldReader reader, string path, TaskDependency dependency)
    {
        reader.Fail(path, "is not a known field; allowed fields: task, on");
        return dependency;
    }

    private static Dictionary<string, string>? ReadEnvironment(JsonElement value, JsonFieldReader reader)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            reader.Fail("env", $"must be an object of NAME: \"value\" strings, got {JsonFieldReader.Describe(value)}");
            return null;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                // Keeping either value silently would run the command with a setting the operator did not check.
                reader.Fail($"env.{property.Name}", "appears more than once");
                continue;
            }

            if (reader.String(property.Value, $"env.{property.Name}") is { } text)
            {
                environment[property.Name] = text;
            }
        }

        return environment;
    }
}
