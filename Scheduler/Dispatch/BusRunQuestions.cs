using System.Collections.Concurrent;
using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Storage;
using MassTransit;

namespace EasyTask.Scheduler.Dispatch;

/// <summary>
/// Asks agents over the bus (<see cref="AskRuns"/> to <c>agent.&lt;host&gt;</c>); the answers come back with the
/// heartbeats (<see cref="AgentHeartbeatConsumer"/>). In a cluster an answer may reach another scheduler, which passes
/// it on to the asker's own bus address. Only live agents that say they answer are asked, and never for longer than
/// <see cref="AnswerTimeout"/>; an agent that let a question go unanswered is not asked again for <see cref="QuietAfterSilence"/>,
/// so a stuck agent costs run creation one second now and then, not one second per batch.
/// </summary>
internal sealed partial class BusRunQuestions(IBus bus, AgentRegistry agents, TimeProvider time, ILogger<BusRunQuestions> log) : IAgentRunQuestions
{
    /// <summary>How long a decision waits for an agent's answer before it goes on with what is recorded.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long an agent that did not answer is not asked again.</summary>
    public static readonly TimeSpan QuietAfterSilence = TimeSpan.FromSeconds(10);

    private static readonly IReadOnlyDictionary<string, DateTimeOffset> None = new Dictionary<string, DateTimeOffset>();

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<RunsAnswer>> waiting = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> silentUntil = new(StringComparer.Ordinal);
    private int listening;

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> EndedAsync(IReadOnlyCollection<RunRecord> runs, CancellationToken cancellationToken)
    {
        // ACTIVE runs were never sent; TRIGGER ones may have been, and ended with every report folded into the result.
        var byHost = runs.Where(r => r.Status is RunStatus.Trigger or RunStatus.Started or RunStatus.Running)
            .Where(r => agents.IsAlive(r.Host) && agents.LastHeartbeat(r.Host) is { AnswersAskRuns: true } && !Silent(r.Host))
            .GroupBy(r => r.Host, StringComparer.Ordinal)
            .ToList();
        if (byHost.Count == 0)
        {
            return None;
        }

        ListenForPassedOnAnswers();
        var answers = await Task.WhenAll(byHost.Select(h => AskAsync(h.Key, [.. h.Select(r => new AskedRun(r.RunId, r.Attempt))], cancellationToken)));
        var asked = runs.ToDictionary(r => r.RunId, r => r.Attempt, StringComparer.Ordinal);
        var ended = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var run in answers.OfType<RunsAnswer>().SelectMany(a => a.Runs))
        {
            if (run is { State: RunWhereabouts.Ended, EndedAt: { } at } && asked.TryGetValue(run.RunId, out var attempt) && attempt == run.Attempt)
            {
                ended[run.RunId] = at;
            }
        }

        return ended;
    }

    /// <summary>An answer taken from the heartbeat queue: this scheduler's own question's, or passed on to the scheduler that asked.</summary>
    public async Task AnsweredAsync(RunsAnswer answer, ConsumeContext context)
    {
        if (Answered(answer) || answer.ReplyTo is not { } asker || asker == bus.Address)
        {
            return;
        }

        var endpoint = await context.GetSendEndpoint(asker);
        await endpoint.Send(answer with { ReplyTo = null }, context.CancellationToken);
    }

    private bool Answered(RunsAnswer answer) => waiting.TryGetValue(answer.QuestionId, out var question) && question.TrySetResult(answer);

    private async Task<RunsAnswer?> AskAsync(string host, IReadOnlyList<AskedRun> runs, CancellationToken cancellationToken)
    {
        var question = new AskRuns { QuestionId = Guid.NewGuid(), Host = host, Runs = runs, ReplyTo = bus.Address };
        var answer = new TaskCompletionSource<RunsAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[question.QuestionId] = answer;
        try
        {
            return await SendAndWaitAsync(question, answer.Task, cancellationToken).WaitAsync(AnswerTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            silentUntil[host] = time.GetUtcNow() + QuietAfterSilence;
            LogNoAnswer(log, host, runs.Count, AnswerTimeout.TotalMilliseconds, ex.Message, QuietAfterSilence.TotalSeconds);
            return null;
        }
        finally
        {
            waiting.TryRemove(question.QuestionId, out _);
        }
    }

    private bool Silent(string host) => silentUntil.TryGetValue(host, out var until) && until > time.GetUtcNow();

    private async Task<RunsAnswer> SendAndWaitAsync(AskRuns question, Task<RunsAnswer> answer, CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{QueueNames.Agent(question.Host)}"));
        await endpoint.Send(question, cancellationToken);
        return await answer;
    }

    // Answers passed on by another scheduler of the cluster arrive on this bus instance's own queue. Agents cannot write
    // there (their broker user writes only to its own queues and the two agent exchanges), so only a scheduler can.
    private void ListenForPassedOnAnswers()
    {
        if (Interlocked.Exchange(ref listening, 1) == 0)
        {
            bus.ConnectHandler<RunsAnswer>(context =>
            {
                Answered(context.Message);
                return Task.CompletedTask;
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {Host} did not say within {TimeoutMs} ms where {Count} runs stand ({Problem}); deciding on what is recorded, and not asking it again for {QuietSeconds} s")]
    private static partial void LogNoAnswer(ILogger logger, string host, int count, double timeoutMs, string problem, double quietSeconds);
}
