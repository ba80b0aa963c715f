using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Runs;

/// <summary>
/// One-off commands an operator runs on an agent without defining a task (the console's Adhoc page,
/// <c>POST /api/v1/adhoc</c>, <c>easytask adhoc</c>). The run is flagged adhoc, goes straight to TRIGGER and is
/// recorded like any other; it is tied to no task (tid 0), so nothing depends on it and it is not retried.
/// </summary>
internal sealed class AdhocRuns(IRunStore runs, IAdhocCommandStore commands, RunAdvancer advancer, TimeProvider time)
{
    public const string TaskName = "adhoc";
    public const long Tid = 0;

    public async Task<RunRecord> StartAsync(AdhocCommand command, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var definition = DefinitionOf(command.Cmd, command.Host, command.Owner, command.MaxRunTime, by);

        // (tid, scheduled_for) is the idempotent key: two adhoc runs in the same millisecond take the next one.
        var at = time.GetUtcNow();
        var detail = $"adhoc by {by} on {command.Host}{(command.Owner is null ? "" : $" as {command.Owner}")}: {command.Cmd}";
        while (true)
        {
            var created = await runs.CreateAsync([new NewRun(Tid, TaskName, at, command.Host, Adhoc: true, Detail: detail)], OperatorActions.Actor, cancellationToken);
            if (created[0].Created)
            {
                // Kept so the run watch can send it again while it waits in TRIGGER (there is no task to read it from).
                await commands.SaveAsync(new AdhocCommandRecord(created[0].Run.RunId, command.Cmd, command.Host, command.Owner, command.MaxRunTime, by), cancellationToken);
                await advancer.ForceAsync(created[0].Run, definition, by, cancellationToken);
                return await runs.FindAsync(created[0].Run.RunId, cancellationToken) ?? created[0].Run;
            }

            at = at.AddMilliseconds(1);
        }
    }

    /// <summary>The definition an adhoc run is sent with, from its stored command.</summary>
    public static TaskDefinition DefinitionOf(AdhocCommandRecord command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return DefinitionOf(command.Cmd, command.Host, command.Owner, command.MaxRunTime, command.RequestedBy);
    }

    private static TaskDefinition DefinitionOf(string cmd, string host, string? owner, int maxRunTime, string by) => new()
    {
        Tid = Tid,
        Name = TaskName,
        Cmd = cmd,
        RunOnHost = host,
        TaskOwner = owner,
        MaxRunTime = maxRunTime,
        Description = $"adhoc command by {by}",
    };
}

/// <summary>What to run adhoc: the command, the agent, the OS user (null = the agent's own), the time limit in seconds (0 = none).</summary>
internal sealed record AdhocCommand(string Cmd, string Host, string? Owner, int MaxRunTime);
