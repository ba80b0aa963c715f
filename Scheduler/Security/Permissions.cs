namespace EasyTask.Scheduler.Security;

/// <summary>What a caller may do. Endpoints name one with <c>RequirePermission</c>, or get one by convention (<see cref="EndpointPermissions"/>).</summary>
internal static class Permissions
{
    /// <summary>Read tasks, calendars, runs, output, agents (viewer and up).</summary>
    public const string Read = "read";

    /// <summary>Run, kill, hold, release, retry, dismiss (operator and up).</summary>
    public const string Operate = "operate";

    /// <summary>Define, change and delete tasks and calendars (admin).</summary>
    public const string Define = "define";

    /// <summary>Run ad-hoc commands (admin).</summary>
    public const string Adhoc = "adhoc";

    /// <summary>Create, list and revoke API tokens (admin).</summary>
    public const string ManageTokens = "tokens";

    /// <summary>Read the audit trail (admin).</summary>
    public const string ReadAudit = "audit";
}
