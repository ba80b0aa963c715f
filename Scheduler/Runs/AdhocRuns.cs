using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// One-off commands an operator runs on an agent without defining a task (the console's Adhoc page,
/// <c>POST /api/v1/adhoc</c>, <c>easytask adhoc</c>). The run is flagged adhoc, goes straight to TRIGGER and is
/// recorded like any other; it is tied to no task (tid 0), so nothing depends on it and it is not retried.
/// </summary>
internal sealed class AdhocRuns(IRunStore runs, RunAdvancer advancer, TimeProvider time)
{
    public const string TaskName = "adhoc";
    public const long Tid = 0;

    public async Task<RunRecord> StartAsync(AdhocCommand command, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var definition = new TaskDefinition
        {
            Tid = Tid,
            Name = TaskName,
            Cmd = command.Cmd,
            RunOnHost = command.Host,
            TaskOwner = command.Owner,
            MaxRunTime = command.MaxRunTime,
            Description = $"adhoc command by {by}",
        };

        // (tid, scheduled_for) is the idempotent key: two adhoc runs in the same millisecond take the next one.
        var at = time.GetUtcNow();
        var detail = $"adhoc by {by} on {command.Host}{(command.Owner is null ? "" : $" as {command.Owner}")}: {command.Cmd}";
        while (true)
        {
            var created = await runs.CreateAsync([new NewRun(Tid, TaskName, at, command.Host, Adhoc: true, Detail: detail)], OperatorActions.Actor, cancellationToken);
            if (created[0].Created)
            {
                await advancer.ForceAsync(created[0].Run, definition, by, cancellationToken);
                return await runs.FindAsync(created[0].Run.RunId, cancellationToken) ?? created[0].Run;
            }

            at = at.AddMilliseconds(1);
        }
    }
}

/// <summary>What to run adhoc: the command, the agent, the OS user (null = the agent's own), the time limit in seconds (0 = none).</summary>
internal sealed record AdhocCommand(string Cmd, string Host, string? Owner, int MaxRunTime);
