using System.Text.Json.Serialization;
using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Journal;

/// <summary>One run attempt as the journal keeps it: the command, how far it got, and its result until delivered.</summary>
internal sealed record JournalEntry
{
    public required RunTask Task { get; init; }

    public required JournalState State { get; init; }

    public DateTimeOffset AcceptedAt { get; init; }

    /// <summary>The RunStarted sent, so a redelivered RunTask can be answered with it.</summary>
    public RunStarted? Started { get; init; }

    /// <summary>The process group, so leftovers can be killed when the agent restarts mid-run.</summary>
    public ProcessIdentity? Process { get; init; }

    public RunFinished? Result { get; init; }

    /// <summary>True once the sink took the result; the entry then only answers redeliveries until retention ends.</summary>
    public bool Delivered { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public RunKey Key => RunKey.Of(Task);
}
