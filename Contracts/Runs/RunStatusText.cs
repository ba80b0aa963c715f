namespace EasyTask.Contracts.Runs;

/// <summary>The upper-case names users see (<c>TRIGGER</c>, <c>SUCCESS</c>), and which statuses are final.</summary>
public static class RunStatusText
{
    /// <summary>The documented upper-case name.</summary>
    public static string ToText(this RunStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>Parses a documented name, case-insensitively; false for anything else.</summary>
    public static bool TryParse(string text, out RunStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);

    /// <summary>True for SUCCESS, FAILED and TERMINATED: nothing changes the run after them.</summary>
    public static bool IsFinal(this RunStatus status) => status is RunStatus.Success or RunStatus.Failed or RunStatus.Terminated;
}
