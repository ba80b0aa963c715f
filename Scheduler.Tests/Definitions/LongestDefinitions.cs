using System.Globalization;
using System.Text;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>
/// A task definition and a calendar with every field at its longest valid value (<see cref="FieldLimits"/>):
/// what the validator must accept, the JSON Schema must accept, and every database must store and give back intact.
/// Free text mixes multi-byte characters (é, 東, an emoji) so byte-counting columns would show.
/// </summary>
internal static class LongestDefinitions
{
    /// <summary>A task using <c>cron</c> (at its longest); <see cref="TaskWithTriggerTimes"/> covers <c>trigger_times</c>.</summary>
    public static TaskDefinition Task(string name = "") => new()
    {
        Tid = long.MaxValue,
        Name = Fill(name.Length == 0 ? "longest_task_" : name, FieldLimits.Name),
        TaskOwner = Fill("owner", FieldLimits.TaskOwner - 1) + "$",
        Cmd = Text(FieldLimits.Cmd),
        RunOnHost = Fill("host-", FieldLimits.RunOnHost),
        MaxRunTime = TaskDefinitionValidator.MaxRunTimeSeconds,
        Description = Text(FieldLimits.Description),
        RetryAttempts = 100,
        Stdout = Fill("logs/out", FieldLimits.OutputFile - 4) + ".log",
        Stderr = Fill("logs/err", FieldLimits.OutputFile - 4) + ".log",
        Timezone = "America/Argentina/Buenos_Aires",
        Active = false,
        Calendar = Fill("cal_", FieldLimits.Name),
        Instance = Fill("instance_", FieldLimits.Instance),
        Group = Fill("group_", FieldLimits.Group),
        DependsOn = [.. Enumerable.Range(0, FieldLimits.DependsOn).Select(i => new TaskDependency { Task = Fill($"up{i:D4}_", FieldLimits.Name), On = DependencyCondition.Done })],
        Priority = 100,
        Cron = LongestCron(),
        Env = Environment(),
        WorkingDir = "/" + Text(FieldLimits.WorkingDir - 1).Replace('\n', '_'),
        RetryDelay = 86_400,
        RetryOnExitCodes = [.. Enumerable.Range(1, FieldLimits.RetryOnExitCodes)],
        LateAfter = 604_800,
        ExpectedDuration = 604_800,
        Notify = new TaskNotify { Channels = [.. Enumerable.Range(0, FieldLimits.NotifyChannels).Select(i => Fill($"channel{i:D2}_", FieldLimits.ChannelName))], On = [.. AlertKinds.All] },
    };

    /// <summary>The same with <c>trigger_times</c> at its longest instead of <c>cron</c>.</summary>
    public static TaskDefinition TaskWithTriggerTimes() => Task("longest_times_") with { Cron = null, TriggerTimes = LongestTriggerTimes() };

    public static CalendarDefinition Calendar() => new()
    {
        Name = Fill("longest_calendar_", FieldLimits.Name),
        Description = Text(FieldLimits.Description),
        Dates = [.. Enumerable.Range(0, FieldLimits.CalendarDates).Select(i => new DateOnly(2000, 1, 1).AddDays(i))],
    };

    /// <summary><paramref name="start"/> padded with name characters to exactly <paramref name="length"/>.</summary>
    public static string Fill(string start, int length) => start + new string('x', length - start.Length);

    /// <summary>Exactly <paramref name="length"/> characters (UTF-16 code units, as limits count) of text mixing ASCII, é, 東, an emoji and a newline.</summary>
    public static string Text(int length)
    {
        string[] pieces = ["a", "é", "東", "😀", " ", "\n", "\t", "Z"];
        var text = new StringBuilder(length);
        for (var i = 0; text.Length < length; i++)
        {
            var piece = pieces[i % pieces.Length];
            text.Append(text.Length + piece.Length <= length ? piece : "a");
        }

        return text.ToString();
    }

    private static Dictionary<string, string> Environment()
    {
        var env = Enumerable.Range(1, FieldLimits.EnvEntries - 1).ToDictionary(i => $"VAR_{i:D4}", i => i.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        env[Fill("LONG_", FieldLimits.EnvName)] = Text(FieldLimits.EnvValue);
        return env;
    }

    /// <summary>Every minute of hours 0-23 listed, then spaces up to the limit (the parser ignores surrounding blanks).</summary>
    private static string LongestCron()
    {
        var cron = $"{string.Join(',', Enumerable.Range(0, 60))} {string.Join(',', Enumerable.Range(0, 24))} * * *";
        return cron.PadRight(FieldLimits.Cron);
    }

    private static string LongestTriggerTimes()
    {
        var times = new StringBuilder();
        for (var minute = 0; times.Length + 6 <= FieldLimits.TriggerTimes; minute++)
        {
            times.Append(times.Length == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{minute / 60:D2}:{minute % 60:D2}");
        }

        return times.ToString().PadRight(FieldLimits.TriggerTimes);
    }
}
