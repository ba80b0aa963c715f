using System.Runtime.CompilerServices;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Reads runs in given statuses oldest scheduled first, a page at a time, with keyset paging: every re-check and
/// watch walks the whole backlog, so the oldest ACTIVE run is never starved behind ten thousand newer ones.
/// </summary>
internal static class RunPages
{
    /// <summary>How many runs one page holds.</summary>
    public const int Size = 500;

    public static async IAsyncEnumerable<IReadOnlyList<RunRecord>> OldestFirstAsync(
        this IRunStore runs,
        IReadOnlyList<RunStatus> statuses,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        int pageSize = Size)
    {
        RunCursor? after = null;
        while (true)
        {
            var page = await runs.ListAsync(new RunQuery(Statuses: statuses, Limit: pageSize, OldestFirst: true, After: after), cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = new RunCursor(page[^1].ScheduledFor, page[^1].RunId);
        }
    }
}
