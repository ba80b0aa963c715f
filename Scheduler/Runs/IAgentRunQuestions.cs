using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Asks agents where runs stand now. The recorded state trails an agent by the time a result takes through the broker
/// and the recorder, so a decision that is final (a <c>concurrency: skip</c>) asks the agent before it trusts a run's
/// recorded STARTED or RUNNING.
/// </summary>
internal interface IAgentRunQuestions
{
    /// <summary>
    /// Of these runs, those that have ended on their agents, with the agents' end times. A run whose agent cannot be
    /// asked (not on the bus, an older agent, or no answer in time) is left out: the caller goes on with what is recorded.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> EndedAsync(IReadOnlyCollection<RunRecord> runs, CancellationToken cancellationToken);
}
