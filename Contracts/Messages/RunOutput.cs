namespace EasyTask.Contracts.Messages;

/// <summary>Event from an agent: a batch of output lines of a running process, for live viewing.</summary>
public sealed record RunOutput
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The attempt producing it.</summary>
    public required int Attempt { get; init; }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public required string Stream { get; init; }

    /// <summary>Position of this batch in the stream, counting from 0, so a viewer can order and de-duplicate.</summary>
    public long Sequence { get; init; }

    /// <summary>The text of the batch (UTF-8 decoded, possibly cut at a size limit).</summary>
    public required string Text { get; init; }
}
