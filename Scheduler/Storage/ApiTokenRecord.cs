namespace EasyTask.Scheduler.Storage;

/// <summary>One stored API token: never the token itself, only the SHA-256 hash of it.</summary>
internal sealed record ApiTokenRecord(
    string Id,
    string Name,
    string TokenHash,
    string Role,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Hosts,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);
