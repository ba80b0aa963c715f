using System.Text.RegularExpressions;

namespace EasyTask.Contracts.Definitions;

/// <summary>
/// The rules a task definition must satisfy. Every rule names its field and says what is allowed;
/// all problems are returned at once so an operator fixes a file in one go.
/// </summary>
public static partial class TaskDefinitionValidator
{
    /// <summary>Longest accepted task name.</summary>
    public const int MaxNameLength = FieldLimits.Name;

    /// <summary>The longest <c>max_run_time</c> (30 days): the agent's kill timer cannot be armed much beyond 49 days, and a run must never start unguarded.</summary>
    public const int MaxRunTimeSeconds = 30 * 24 * 3600;

    /// <summary>Reads and validates definition JSON in one step: parse errors plus rule violations on the fields that parsed.</summary>
    public static ParseOutcome<TaskDefinition> Check(string json, ICalendarCatalog calendars) =>
        Complete(TaskDefinitionJson.Parse(json), calendars);

    /// <summary>Reads and validates a file holding one definition or an array of them.</summary>
    public static IReadOnlyList<ParseOutcome<TaskDefinition>> CheckMany(string json, ICalendarCatalog calendars) =>
        TaskDefinitionJson.ParseManyWithPrefixes(json).Select(item => Complete(item.Outcome, calendars, item.Prefix)).ToList();

    /// <summary>Every rule violation of a definition (empty when valid).</summary>
    public static IReadOnlyList<FieldError> Validate(TaskDefinition definition, ICalendarCatalog calendars)
    {
        var errors = new List<FieldError>();
        CheckIdentity(definition, errors);
        CheckExecution(definition, errors);
        CheckMonitoring(definition, errors);
        CheckSchedule(definition, calendars, errors);
        CheckDependencies(definition, errors);
        return errors;
    }

    private static ParseOutcome<TaskDefinition> Complete(ParseOutcome<TaskDefinition> parsed, ICalendarCatalog calendars, string prefix = "")
    {
        if (parsed.Value is null)
        {
            return parsed;
        }

        // A field that already failed to parse holds a default value; validating it again would only repeat the complaint.
        var failed = parsed.Errors.Select(e => RootField(e.Field, prefix)).ToHashSet(StringComparer.Ordinal);
        var ruleErrors = Validate(parsed.Value, calendars)
            .Where(e => !failed.Contains(RootField(e.Field, "")))
            .Select(e => prefix.Length == 0 ? e : e with { Field = $"{prefix}.{e.Field}" });
        return parsed with { Errors = [.. parsed.Errors, .. ruleErrors] };
    }

    private static string RootField(string field, string prefix)
    {
        var withoutPrefix = prefix.Length > 0 && field.StartsWith(prefix + ".", StringComparison.Ordinal) ? field[(prefix.Length + 1)..] : field;
        var end = withoutPrefix.IndexOfAny(['.', '[']);
        return end > 0 ? withoutPrefix[..end] : withoutPrefix;
    }

    private static void CheckIdentity(TaskDefinition d, List<FieldError> errors)
    {
        if (d.Tid <= 0)
        {
            errors.Add(new("tid", d.Tid == 0 ? "is required: a positive whole number" : $"must be a positive whole number, got {d.Tid}"));
        }

        CheckName(d.Name, "name", required: true, FieldLimits.Name, errors);
        CheckName(d.RunOnHost, "run_on_host", required: true, FieldLimits.RunOnHost, errors);
        CheckName(d.Instance, "instance", required: true, FieldLimits.Instance, errors);
        CheckName(d.Group, "group", required: false, FieldLimits.Group, errors);
        if (d.TaskOwner is not null && !OwnerPattern().IsMatch(d.TaskOwner))
        {
            errors.Add(new("task_owner", $"must be an OS user name (letters, digits, _ . - @ \\, at most 64 characters), got \"{d.TaskOwner}\""));
        }

        CheckText(d.Description, "description", FieldLimits.Description, errors);
    }

    /// <summary>Checks free text: at most <paramref name="maxLength"/> characters (UTF-16 code units) and no NUL (PostgreSQL text cannot hold one, and C strings end there).</summary>
    internal static void CheckText(string? value, string field, int maxLength, List<FieldError> errors)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(new(field, $"must be at most {maxLength} characters, got {value.Length}"));
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new(field, "must not contain NUL characters"));
        }
    }

    /// <summary>Checks an identifier-like field: names, hosts, instances, groups.</summary>
    internal static void CheckName(string? value, string field, bool required, int maxLength, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(new(field, $"is required: letters, digits, '_', '.', '-', at most {maxLength} characters"));
            }

            return;
        }

        if (value.Length > maxLength || !NamePattern().IsMatch(value))
        {
            errors.Add(new(field, $"must use only letters, digits, '_', '.', '-' and be at most {maxLength} characters, got \"{Shorten(value)}\""));
        }
    }

    /// <summary>A value as echoed in an error: at most 200 characters, so a megabyte of input is not sent back (or logged) whole.</summary>
    internal static string Shorten(string value) => value.Length <= 200 ? value : $"{value[..200]}... ({value.Length} characters)";

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.@\\-]{1,63}\$?\z")]
    private static partial Regex OwnerPattern();
}
