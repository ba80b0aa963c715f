namespace EasyTask.Scheduler.Storage;

internal sealed partial class RunStore
{
    // One query for every task (task list's LAST RUN column), not one per task.
    private static readonly string LatestPerTaskSql =
        $"SELECT {RunRow.Columns} FROM runs WHERE scheduled_for = (SELECT MAX(r2.scheduled_for) FROM runs r2 WHERE r2.tid = runs.tid)";

    public async Task<IReadOnlyDictionary<long, RunRecord>> LatestPerTaskAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, RunRecord>();
        foreach (var run in await QueryRunsAsync(LatestPerTaskSql, new { }, cancellationToken))
        {
            // A force-start can share its scheduled time with an occurrence; the later-created one is the latest.
            if (!result.TryGetValue(run.Tid, out var seen) || run.CreatedAt > seen.CreatedAt)
            {
                result[run.Tid] = run;
            }
        }

        return result;
    }
}
