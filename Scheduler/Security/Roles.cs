namespace EasyTask.Scheduler.Security;

/// <summary>The three roles, each including the one before: <c>viewer</c> &lt; <c>operator</c> &lt; <c>admin</c>.</summary>
internal static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    /// <summary>The permissions a role carries; none for a name that is not a role.</summary>
    public static IReadOnlySet<string> PermissionsOf(string role) => role switch
    {
        Viewer => ViewerPermissions,
        Operator => OperatorPermissions,
        Admin => AdminPermissions,
        _ => NoPermissions,
    };

    public static bool IsRole(string? name) => name is Viewer or Operator or Admin;

    private static readonly HashSet<string> NoPermissions = [];
    private static readonly HashSet<string> ViewerPermissions = [Permissions.Read];
    private static readonly HashSet<string> OperatorPermissions = [Permissions.Read, Permissions.Operate];
    private static readonly HashSet<string> AdminPermissions =
        [Permissions.Read, Permissions.Operate, Permissions.Define, Permissions.Adhoc, Permissions.ManageTokens, Permissions.ReadAudit];
}
