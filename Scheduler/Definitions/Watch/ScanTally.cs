namespace EasyTask.Scheduler.Definitions.Watch;

/// <summary>Counts what a pass over the watched folder did, while it runs.</summary>
internal sealed class ScanTally
{
    public int Imported { get; set; }

    public int Rejected { get; set; }

    public int Waiting { get; private set; }

    public TimeSpan? NextSettled { get; private set; }

    /// <summary>A file failed on the database: the rest of the pass leaves files in place.</summary>
    public bool DatabaseDown { get; set; }

    /// <summary>A file stays in place; <paramref name="settledIn"/> is when it may be settled, if it is settling.</summary>
    public void Wait(TimeSpan? settledIn)
    {
        Waiting++;
        if (settledIn is { } due && (NextSettled is null || due < NextSettled))
        {
            NextSettled = due;
        }
    }

    public ScanResult Result() => new(Imported, Rejected, Waiting, NextSettled);
}
