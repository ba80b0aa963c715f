using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace EasyTask.Scheduler.Api.Logs;

/// <summary>
/// The logs of finished runs, read and indexed once and kept for a few minutes, so that paging and searching a
/// 100 MB log does not read it from the database on every request. Output of a run still going is read each time
/// (it grows). At most <see cref="MaxCharacters"/> characters are held; the least recently used log goes first.
/// </summary>
internal sealed class LogCache(IOutputStore output, TimeProvider time) : IDisposable
{
    /// <summary>About 256 MB: one 100 MB log and a few small ones.</summary>
    public const long MaxCharacters = 128L * 1024 * 1024;

    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxCharacters });

    public async Task<LogText> ReadAsync(RunRecord run, int attempt, string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var key = (run.RunId, attempt, stream);
        if (cache.TryGetValue(key, out LogText? cached) && cached is not null)
        {
            return cached;
        }

        var text = LogText.Of(await output.ReadAsync(run.RunId, attempt, stream, cancellationToken));
        // Output batches may land just after the final status: a log is kept only once it has been final a while.
        var settled = run.FinishedAt is { } at && time.GetUtcNow() - at > SettleTime;
        var finished = attempt < run.Attempt || (run.Status.IsFinal() && settled);
        if (finished && text.Size <= MaxCharacters)
        {
            cache.Set(key, text, new MemoryCacheEntryOptions { Size = Math.Max(1, text.Size), SlidingExpiration = TimeSpan.FromMinutes(5) });
        }

        return text;
    }

    public void Dispose() => cache.Dispose();
}
