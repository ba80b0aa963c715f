using System.Globalization;
using System.Text.Json;

namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>
/// One task of a chaos run: a 6-field cron firing every <see cref="PeriodSeconds"/> at second offset
/// <see cref="Offset"/>, on one of the two agents. Every fifth task fails its first attempt and has retries; another
/// fifth has retries only for what the chaos breaks; another fifth waits on the task before it.
/// </summary>
internal sealed record ChaosTask(long Tid, string Name, int Offset, int PeriodSeconds, string Agent, int Retries, bool FailsFirstAttempt, string? DependsOn)
{
    public static IReadOnlyList<ChaosTask> Make(ChaosPlan plan, IReadOnlyList<string> agents)
    {
        var tasks = new List<ChaosTask>();
        for (var i = 0; i < plan.Tasks; i++)
        {
            var kind = i % 5;
            tasks.Add(new ChaosTask(
                90_000 + i,
                $"chaos_{i.ToString("000", CultureInfo.InvariantCulture)}",
                i % plan.PeriodSeconds,
                plan.PeriodSeconds,
                agents[i % agents.Count],
                Retries: kind is 1 or 2 ? 2 : 0,
                FailsFirstAttempt: kind == 1,
                DependsOn: kind == 3 ? $"chaos_{(i - 1).ToString("000", CultureInfo.InvariantCulture)}" : null));
        }

        return tasks;
    }

    /// <summary>The definition as an operator would post it; the command appends "run id attempt" to the marker file.</summary>
    public string Json(string markerFile)
    {
        var append = $"echo \"$EASYTASK_RUN_ID $EASYTASK_ATTEMPT\" >> {markerFile}";
        var cmd = FailsFirstAttempt ? $"{append}; sleep 0.3; [ \"$EASYTASK_ATTEMPT\" -gt 1 ]" : $"{append}; sleep 0.5";
        var definition = new Dictionary<string, object>
        {
            ["tid"] = Tid,
            ["name"] = Name,
            ["cmd"] = cmd,
            ["run_on_host"] = Agent,
            ["cron"] = $"{Offset.ToString(CultureInfo.InvariantCulture)}/{PeriodSeconds.ToString(CultureInfo.InvariantCulture)} * * * * *",
            ["timezone"] = "UTC",
            ["max_run_time"] = 60,
        };
        if (Retries > 0)
        {
            definition["retry_attempts"] = Retries;
            definition["retry_delay"] = 1;
        }

        if (DependsOn is not null)
        {
            definition["depends_on"] = new[] { new Dictionary<string, string> { ["task"] = DependsOn, ["on"] = "done" } };
        }

        return JsonSerializer.Serialize(definition);
    }

    /// <summary>Every instant in [<paramref name="from"/>, <paramref name="to"/>) this task's cron falls due.</summary>
    public IEnumerable<DateTimeOffset> DueBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var second = new DateTimeOffset(from.Ticks - (from.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (second < from)
        {
            second = second.AddSeconds(1);
        }

        for (var t = second; t < to; t = t.AddSeconds(1))
        {
            if (t.Second % PeriodSeconds == Offset)
            {
                yield return t;
            }
        }
    }
}
