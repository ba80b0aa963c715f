namespace EasyTask.Contracts.Definitions;

public static partial class TaskDefinitionValidator
{
    private static void CheckSchedule(TaskDefinition d, ICalendarCatalog calendars, List<FieldError> errors)
    {
        if (d.Timezone.Length > FieldLimits.Timezone || !TimeZones.TryFind(d.Timezone, out _))
        {
            errors.Add(new("timezone", $"\"{Shorten(d.Timezone)}\" is not a known time zone; use an IANA id such as America/New_York, Europe/London or UTC (legacy aliases such as US/Eastern work too)"));
        }

        var calendarErrors = errors.Count;
        CheckName(d.Calendar, "calendar", required: false, FieldLimits.Name, errors);
        if (errors.Count == calendarErrors && d.Calendar is not null && !calendars.Contains(d.Calendar))
        {
            errors.Add(new("calendar", $"\"{d.Calendar}\" is not a known calendar; known calendars: {string.Join(", ", calendars.Names)}"));
        }

        if (!DayMask.IsValid(d.DayOfWeek, out var maskProblem))
        {
            errors.Add(new("day_of_week", maskProblem!));
        }

        if (d.TriggerTimes is { Length: > FieldLimits.TriggerTimes })
        {
            errors.Add(new("trigger_times", $"must be at most {FieldLimits.TriggerTimes} characters, got {d.TriggerTimes.Length}"));
        }
        else if (d.TriggerTimes is not null && !TriggerTimes.TryParse(d.TriggerTimes, out _, out var timesProblem))
        {
            errors.Add(new("trigger_times", timesProblem!));
        }

        if (d.Cron is not null)
        {
            if (d.TriggerTimes is not null)
            {
                errors.Add(new("cron", "cannot be combined with trigger_times: give one or the other"));
            }
            else if (d.Cron.Length > FieldLimits.Cron)
            {
                errors.Add(new("cron", $"must be at most {FieldLimits.Cron} characters, got {d.Cron.Length}"));
            }
            else if (!CronText.TryParse(d.Cron, out _, out var cronProblem))
            {
                errors.Add(new("cron", cronProblem!));
            }
        }

        if (d.MisfireGrace < 0)
        {
            errors.Add(new("misfire_grace", $"must be seconds, 0 or more, got {d.MisfireGrace}"));
        }
    }

    private static void CheckDependencies(TaskDefinition d, List<FieldError> errors)
    {
        if (d.DependsOn?.Count > FieldLimits.DependsOn)
        {
            errors.Add(new("depends_on", $"may list at most {FieldLimits.DependsOn} upstream tasks, got {d.DependsOn.Count}"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (d.DependsOn?.Count ?? 0); i++)
        {
            var dependency = d.DependsOn![i];
            var field = $"depends_on[{i}]";
            if (string.IsNullOrEmpty(dependency.Task))
            {
                errors.Add(new($"{field}.task", "is required: the name of the upstream task"));
                continue;
            }

            CheckName(dependency.Task, $"{field}.task", required: true, FieldLimits.Name, errors);
            if (string.Equals(dependency.Task, d.Name, StringComparison.Ordinal))
            {
                errors.Add(new($"{field}.task", $"a task cannot depend on itself (\"{d.Name}\")"));
            }
            else if (!seen.Add(dependency.Task))
            {
                errors.Add(new($"{field}.task", $"\"{dependency.Task}\" is listed more than once"));
            }

            if (!DependencyCondition.All.Contains(dependency.On))
            {
                errors.Add(new($"{field}.on", $"must be one of {string.Join(", ", DependencyCondition.All)}, got \"{dependency.On}\""));
            }
        }
    }
}
