using System.Text.Json.Serialization;

namespace EasyTask.Contracts.Definitions;

/// <summary>
/// A task definition exactly as operators write it (JSON, snake_case). Optional fields carry the
/// effective default, so what is stored and shown is what the scheduler will do.
/// </summary>
public sealed record TaskDefinition
{
    /// <summary>Unique integer id.</summary>
    [JsonPropertyName("tid")] public long Tid { get; init; }

    /// <summary>Unique name, <c>[A-Za-z0-9_.-]</c>, at most 128 characters.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>OS user the command runs as and owner of the task; null runs as the agent's own user.</summary>
    [JsonPropertyName("task_owner")] public string? TaskOwner { get; init; }

    /// <summary>Shell command line (<c>/bin/sh -c</c> on Linux, <c>cmd.exe /c</c> on Windows).</summary>
    [JsonPropertyName("cmd")] public string Cmd { get; init; } = "";

    /// <summary>Name of the agent the run is sent to.</summary>
    [JsonPropertyName("run_on_host")] public string RunOnHost { get; init; } = "";

    /// <summary>Seconds a run may take before its process tree is killed; 0 means no limit.</summary>
    [JsonPropertyName("max_run_time")] public int MaxRunTime { get; init; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Automatic retries after a failed attempt.</summary>
    [JsonPropertyName("retry_attempts")] public int RetryAttempts { get; init; }

    /// <summary>File for captured stdout, relative to the agent's log directory.</summary>
    [JsonPropertyName("stdout")] public string? Stdout { get; init; }

    /// <summary>File for captured stderr, relative to the agent's log directory.</summary>
    [JsonPropertyName("stderr")] public string? Stderr { get; init; }

    /// <summary>IANA time zone (legacy aliases such as <c>US/Eastern</c> included) the trigger times are read in.</summary>
    [JsonPropertyName("timezone")] public string Timezone { get; init; } = TaskDefaults.Timezone;

    /// <summary>False keeps the task IDLE: it is never triggered.</summary>
    [JsonPropertyName("active")] public bool Active { get; init; } = true;

    /// <summary>Name of a calendar of excluded days (built-in <c>US_HOLIDAYS</c> or a custom one).</summary>
    [JsonPropertyName("calendar")] public string? Calendar { get; init; }

    /// <summary>Scheduler instance that owns the task.</summary>
    [JsonPropertyName("instance")] public string Instance { get; init; } = TaskDefaults.Instance;

    /// <summary>Seven flags, Monday first: <c>1111100</c> is Monday to Friday.</summary>
    [JsonPropertyName("day_of_week")] public string DayOfWeek { get; init; } = TaskDefaults.DayOfWeek;

    /// <summary>Local <c>HH:mm</c> times, comma-separated (<c>08:30,14:00</c>).</summary>
    [JsonPropertyName("trigger_times")] public string? TriggerTimes { get; init; }

    /// <summary>Group the task belongs to, for display and bulk operations.</summary>
    [JsonPropertyName("group")] public string? Group { get; init; }

    /// <summary>Upstream tasks that must finish in a given state first.</summary>
    [JsonPropertyName("depends_on")] public IReadOnlyList<TaskDependency>? DependsOn { get; init; }

    /// <summary>0–100; when runs compete for an agent slot, higher goes first.</summary>
    [JsonPropertyName("priority")] public int Priority { get; init; }

    /// <summary>Cron expression (5 fields, or 6 with seconds first), instead of <c>trigger_times</c>.</summary>
    [JsonPropertyName("cron")] public string? Cron { get; init; }

    /// <summary>Environment variables for the command.</summary>
    [JsonPropertyName("env")] public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Working directory of the command on the agent.</summary>
    [JsonPropertyName("working_dir")] public string? WorkingDir { get; init; }

    /// <summary>Seconds after its time within which a missed occurrence still runs late.</summary>
    [JsonPropertyName("misfire_grace")] public int MisfireGrace { get; init; } = TaskDefaults.MisfireGraceSeconds;

    /// <summary>What happens when the previous run still runs: <c>skip</c>, <c>queue</c> or <c>allow</c>.</summary>
    [JsonPropertyName("concurrency")] public string Concurrency { get; init; } = ConcurrencyPolicy.Skip;

    /// <summary>Base delay in seconds of the exponential backoff between retries.</summary>
    [JsonPropertyName("retry_delay")] public int RetryDelay { get; init; } = TaskDefaults.RetryDelaySeconds;

    /// <summary>When set, only these non-zero return codes are retried; any other exit fails at once (permanent).</summary>
    [JsonPropertyName("retry_on_exit_codes")] public IReadOnlyList<int>? RetryOnExitCodes { get; init; }

    /// <summary>Seconds after its scheduled time by which a run must have STARTED; later, a <c>late</c> alert is raised.</summary>
    [JsonPropertyName("late_after")] public int? LateAfter { get; init; }

    /// <summary>Seconds a run is expected to take; a run still going past it raises a <c>long_running</c> alert (it is not killed).</summary>
    [JsonPropertyName("expected_duration")] public int? ExpectedDuration { get; init; }

    /// <summary>Per-task alert routing that overrides the configured rules.</summary>
    [JsonPropertyName("notify")] public TaskNotify? Notify { get; init; }
}
