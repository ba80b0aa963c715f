namespace EasyTask.Scheduler.Storage;

/// <summary>The output agents stream while runs go, kept so `easytask run logs` works from anywhere, after the run too.</summary>
internal interface IOutputStore
{
    /// <summary>Stores a batch; a batch already stored (same run, attempt, stream and sequence) is ignored.</summary>
    Task AppendAsync(string runId, int attempt, string stream, long sequence, string text, CancellationToken cancellationToken);

    /// <summary>The attempt's stored output of one stream, in order.</summary>
    Task<string> ReadAsync(string runId, int attempt, string stream, CancellationToken cancellationToken);
}
