using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// Turns due occurrences into runs. The only writer of new scheduled runs: it drains whatever the clock
/// queued, applies each task's concurrency policy, and creates the whole batch in one transaction, so a
/// thousand tasks due in the same second cost one database round trip, not a thousand.
/// </summary>
internal sealed class RunCreator(
    DueOccurrences due,
    TaskRegistry registry,
    IRunStore runs,
    RunLifecycle lifecycle,
    IPendingAgentEvents pending,
    IAgentRunQuestions agentsAsked,
    ILeadership leadership,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<RunCreator> log) : BackgroundService
{
    public const string Actor = "scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DueOccurrence>();
        while (await due.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < options.Value.RunCreationBatch && due.Reader.TryRead(out var occurrence))
            {
                batch.Add(occurrence);
            }

            if (!leadership.IsLeader)
            {
                // Lost the lease since these fell due: the new leader creates them on taking over (idempotent key).
                continue;
            }

            try
            {
                using (leadership.Fence())
                {
                    await CreateAsync(batch, stoppingToken);
                }
            }
            catch (LeaseLostException ex)
            {
                // Another scheduler took over while these were being written: it creates them (idempotent key).
                log.LogWarning("Creating {Count} due runs refused: {Problem}", batch.Count, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The clock has moved on; put the batch back so a database blink delays runs instead of losing them.
                log.LogError(ex, "Creating {Count} due runs failed; retrying in 1 s", batch.Count);
                batch.ForEach(due.Add);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Creates runs for the occurrences (idempotently) and starts advancing the new ACTIVE ones.</summary>
    public async Task CreateAsync(IReadOnlyList<DueOccurrence> occurrences, CancellationToken cancellationToken)
    {
        var tasks = occurrences.Select(o => registry.Find(o.Tid)).OfType<ScheduledTask>().ToList();
        var skipping = tasks.Where(t => t.Definition.Concurrency == ConcurrencyPolicy.Skip).Select(t => t.Tid).Distinct().ToList();
        var unfinished = skipping.Count == 0 ? new Dictionary<long, RunRecord>() : await runs.UnfinishedAsync(skipping, cancellationToken);
        for (var look = 0; look < 3 && unfinished.Count > 0 && await pending.RecordedAsync([.. unfinished.Values.Select(r => r.RunId)], cancellationToken); look++)
        {
            // What looked unfinished may have ended on its agent with the news still in the recorder's queue: a skip
            // is final, so it is judged on the recorded truth.
            unfinished = await runs.UnfinishedAsync(skipping, cancellationToken);
        }

        var now = time.GetUtcNow();
        var deciding = occurrences.Where(o => !BeforeItsInstant(o, now)).Select(o => o.Tid).ToHashSet();
        var endedOnAgents = await agentsAsked.EndedAsync([.. unfinished.Values.Where(r => deciding.Contains(r.Tid))], cancellationToken);
        var newRuns = new List<NewRun>();
        foreach (var occurrence in occurrences)
        {
            if (registry.Find(occurrence.Tid) is not { } task)
            {
                continue;
            }

            if (BeforeItsInstant(occurrence, now) && unfinished.ContainsKey(occurrence.Tid))
            {
                // Fired its dispatch lead early, and the previous run may still end before the instant: a skip is
                // final, so it is decided at the instant itself.
                DecideAtInstant(occurrence, occurrence.ScheduledFor - now, cancellationToken);
                continue;
            }

            var d = task.Definition;
            newRuns.Add(d.Concurrency == ConcurrencyPolicy.Skip && unfinished.TryGetValue(d.Tid, out var previous) && StillGoing(previous, occurrence, endedOnAgents)
                ? new NewRun(d.Tid, d.Name, occurrence.ScheduledFor, d.RunOnHost, Status: RunStatus.Failed, Reason: RunReason.Skipped,
                    Detail: $"skipped: previous run {previous.RunId} is still {previous.Status.ToText()} (concurrency skip)")
                : new NewRun(d.Tid, d.Name, occurrence.ScheduledFor, d.RunOnHost, Detail: "due by its schedule"));
        }

        var created = await lifecycle.CreateAsync(newRuns, Actor, cancellationToken);
        foreach (var (run, _) in created.Where(c => c.Created && c.Run.Status != RunStatus.Active))
        {
            if (unfinished.TryGetValue(run.Tid, out var previous))
            {
                RunLog.Skipped(log, run.TaskName, run.ScheduledFor, run.RunId, previous.RunId, previous.Status.ToText());
            }
        }
    }

    private bool BeforeItsInstant(DueOccurrence occurrence, DateTimeOffset now) =>
        occurrence.ScheduledFor > now && occurrence.ScheduledFor - now <= options.Value.DispatchLead;

    /// <summary>
    /// Whether the previous run was still going at the occurrence's instant. Recorded as unfinished, it may have ended on
    /// its agent before the instant with its result still on the way: then the agent's word counts, and the occurrence runs.
    /// A run that ended after the instant was still going when the occurrence fell due, so the skip stands.
    /// </summary>
    private bool StillGoing(RunRecord previous, DueOccurrence occurrence, IReadOnlyDictionary<string, DateTimeOffset> endedOnAgents)
    {
        if (endedOnAgents.TryGetValue(previous.RunId, out var ended) && ended <= occurrence.ScheduledFor)
        {
            RunLog.PreviousEndedOnAgent(log, occurrence.ScheduledFor, previous.TaskName, previous.RunId, previous.Host, ended, previous.Status.ToText());
            return false;
        }

        return true;
    }

    private void DecideAtInstant(DueOccurrence occurrence, TimeSpan wait, CancellationToken cancellationToken) =>
        _ = Task.Delay(wait, time, cancellationToken).ContinueWith(_ => due.Add(occurrence), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
