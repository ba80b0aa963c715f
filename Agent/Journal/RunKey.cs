using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Journal;

/// <summary>What the agent de-duplicates on: one run attempt.</summary>
internal readonly record struct RunKey(string RunId, int Attempt)
{
    public static RunKey Of(RunTask task) => new(task.RunId, task.Attempt);

    public override string ToString() => $"{RunId} attempt {Attempt}";
}
