namespace EasyTask.Contracts.Definitions;

public static partial class TaskDefinitionValidator
{
    private static void CheckMonitoring(TaskDefinition d, List<FieldError> errors)
    {
        if (d.RetryOnExitCodes?.Count > FieldLimits.RetryOnExitCodes)
        {
            errors.Add(new("retry_on_exit_codes", $"may list at most {FieldLimits.RetryOnExitCodes} return codes, got {d.RetryOnExitCodes.Count}"));
        }

        var index = 0;
        foreach (var code in (d.RetryOnExitCodes ?? []).Take(FieldLimits.RetryOnExitCodes))
        {
            CheckRange(code, $"retry_on_exit_codes[{index++}]", 1, 255, "a return code from 1 to 255 (0 is success)", errors);
        }

        if (d.LateAfter is { } late)
        {
            CheckRange(late, "late_after", 1, 604_800, "seconds from 1 to 604800 (7 days)", errors);
        }

        if (d.ExpectedDuration is { } expected)
        {
            CheckRange(expected, "expected_duration", 1, 604_800, "seconds from 1 to 604800 (7 days)", errors);
        }

        if (d.Notify is not { } notify)
        {
            return;
        }

        if (notify.Channels.Count == 0)
        {
            errors.Add(new("notify.channels", "must name at least one channel configured under EasyTask:Alerts:Channels"));
        }

        if (notify.Channels.Count > FieldLimits.NotifyChannels)
        {
            errors.Add(new("notify.channels", $"may name at most {FieldLimits.NotifyChannels} channels, got {notify.Channels.Count}"));
        }

        for (var i = 0; i < Math.Min(notify.Channels.Count, FieldLimits.NotifyChannels); i++)
        {
            if (string.IsNullOrWhiteSpace(notify.Channels[i]))
            {
                errors.Add(new($"notify.channels[{i}]", "must be a channel name, not blank"));
            }
            else
            {
                CheckText(notify.Channels[i], $"notify.channels[{i}]", FieldLimits.ChannelName, errors);
            }
        }

        for (var i = 0; i < (notify.On?.Count ?? 0); i++)
        {
            if (!AlertKinds.All.Contains(notify.On![i]))
            {
                errors.Add(new($"notify.on[{i}]", $"must be one of {string.Join(", ", AlertKinds.All)}, got \"{notify.On[i]}\""));
            }
        }
    }
}
