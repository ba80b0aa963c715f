using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>Without a bus (tests that play the agent) no agent can be asked: decisions go on with what is recorded.</summary>
internal sealed class NoAgentQuestions : IAgentRunQuestions
{
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> EndedAsync(IReadOnlyCollection<RunRecord> runs, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
}
