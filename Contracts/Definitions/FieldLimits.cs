namespace EasyTask.Contracts.Definitions;

/// <summary>
/// The size limit of every field of a task definition and a calendar: the one source the validator, the JSON Schemas
/// and the database columns follow (tests check each against this class). Lengths count UTF-16 code units, as .NET,
/// SQL Server's NVARCHAR and NJsonSchema count them (an emoji is two); for the ASCII-only name fields every way of
/// counting agrees. Free text lives in unbounded text columns, so only the validator and the schema limit it; a schema
/// tool counting code points (as the JSON Schema text says) may pass emoji-rich text just over a limit that the scheduler refuses.
/// </summary>
public static class FieldLimits
{
    /// <summary>Task and calendar names, <c>depends_on[].task</c> and <c>calendar</c>: the <c>name</c>/<c>task_name</c> columns hold 128.</summary>
    public const int Name = 128;

    /// <summary><c>run_on_host</c>: the <c>tasks.run_on_host</c>, <c>runs.host</c> and <c>agents.name</c> columns hold 128.</summary>
    public const int RunOnHost = 128;

    /// <summary><c>group</c>: the <c>tasks.group_name</c> column holds 128.</summary>
    public const int Group = 128;

    /// <summary><c>instance</c>: the scheduler instance a task belongs to (the column is wider, 128).</summary>
    public const int Instance = 64;

    /// <summary><c>task_owner</c>: an OS user name (63 characters and an optional trailing <c>$</c> of a machine account).</summary>
    public const int TaskOwner = 64;

    /// <summary><c>description</c> of a task or a calendar.</summary>
    public const int Description = 4000;

    /// <summary><c>cmd</c>: the longest command line Windows accepts, well below Linux's 128 KiB per argument.</summary>
    public const int Cmd = 32_767;

    /// <summary>Each <c>env</c> value (Windows' limit for one environment variable).</summary>
    public const int EnvValue = 32_767;

    /// <summary>Each <c>env</c> name.</summary>
    public const int EnvName = 255;

    /// <summary>How many variables <c>env</c> may set.</summary>
    public const int EnvEntries = 1000;

    /// <summary><c>working_dir</c>: PATH_MAX on Linux.</summary>
    public const int WorkingDir = 4096;

    /// <summary><c>stdout</c> and <c>stderr</c>: a file name or relative path.</summary>
    public const int OutputFile = 255;

    /// <summary><c>timezone</c>: an IANA id or alias.</summary>
    public const int Timezone = 64;

    /// <summary><c>cron</c>: five or six fields.</summary>
    public const int Cron = 256;

    /// <summary><c>trigger_times</c>: up to a few hundred <c>HH:MM</c> times.</summary>
    public const int TriggerTimes = 4096;

    /// <summary>How many upstream tasks <c>depends_on</c> may list.</summary>
    public const int DependsOn = 1000;

    /// <summary>How many return codes <c>retry_on_exit_codes</c> may list (there are 255).</summary>
    public const int RetryOnExitCodes = 255;

    /// <summary>How many channels <c>notify.channels</c> may name, and the longest channel name.</summary>
    public const int NotifyChannels = 32;

    /// <summary>The longest channel name in <c>notify.channels</c>.</summary>
    public const int ChannelName = 128;

    /// <summary>How many dates a calendar may hold.</summary>
    public const int CalendarDates = 10_000;
}
