namespace EasyTask.Scheduler.Security;

/// <summary>What <c>token create</c> asks for: a name, a role, optional owner and host limits, an optional lifetime.</summary>
internal sealed record TokenRequest(string Name, string Role, IReadOnlyList<string> Owners, IReadOnlyList<string> Hosts, TimeSpan? ExpiresIn);
