namespace EasyTask.Scheduler.Runs;

/// <summary>What the dependency check says about a run waiting in ACTIVE.</summary>
internal enum DependencyOutcome
{
    /// <summary>Every condition holds: the run may go to TRIGGER.</summary>
    Met,

    /// <summary>Some upstream has not finished yet: keep waiting.</summary>
    Waiting,

    /// <summary>An upstream ended in a state that can no longer satisfy the condition.</summary>
    Failed,
}

/// <summary>The outcome and, in plain words, why.</summary>
internal sealed record DependencyVerdict(DependencyOutcome Outcome, string Explanation)
{
    public static DependencyVerdict Met(string why) => new(DependencyOutcome.Met, why);

    public static DependencyVerdict Waiting(string why) => new(DependencyOutcome.Waiting, why);

    public static DependencyVerdict Failed(string why) => new(DependencyOutcome.Failed, why);
}
