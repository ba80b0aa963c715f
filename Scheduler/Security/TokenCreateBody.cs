namespace EasyTask.Scheduler.Security;

/// <summary>The body of <c>POST /api/v1/tokens</c>: <c>{"name", "role", "owners": [], "hosts": [], "expires": "90d"}</c>.</summary>
internal sealed record TokenCreateBody(string? Name, string? Role, IReadOnlyList<string>? Owners, IReadOnlyList<string>? Hosts, string? Expires);
