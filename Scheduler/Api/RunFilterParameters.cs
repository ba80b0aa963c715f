using EasyTask.Contracts.Runs;

namespace EasyTask.Scheduler.Api;

/// <summary>
/// The run filters every run-reading route shares (<c>status=</c>, <c>since=</c>), read one way so the list, the
/// console's page and the live streams accept the same values and answer the same problem for a bad one.
/// </summary>
internal static class RunFilterParameters
{
    /// <summary>Reads <c>status=</c> (repeatable, comma-separated); <paramref name="problem"/> names the value that is not a status.</summary>
    public static bool TryStatuses(IQueryCollection query, out List<RunStatus> statuses, out IResult? problem)
    {
        statuses = [];
        problem = null;
        foreach (var text in query["status"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!RunStatusText.TryParse(text, out var status))
            {
                problem = ApiProblems.Invalid("status", $"\"{text}\" is not a status; use {string.Join(", ", Enum.GetValues<RunStatus>().Select(s => s.ToText()))}");
                return false;
            }

            statuses.Add(status);
        }

        return true;
    }

    /// <summary>Reads <c>since=</c> as a window back from now (<c>6h</c>, <c>7d</c>); null when absent.</summary>
    public static bool TrySince(IQueryCollection query, TimeProvider time, out DateTimeOffset? since, out IResult? problem)
    {
        since = null;
        problem = null;
        if (query["since"].ToString() is not { Length: > 0 } text)
        {
            return true;
        }

        if (!Durations.TryParse(text, out var window))
        {
            problem = ApiProblems.Invalid("since", $"\"{text}\" is not a duration; use e.g. 30m, 6h, 12h, 24h, 3d, 7d");
            return false;
        }

        since = time.GetUtcNow() - window;
        return true;
    }
}
