using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Security;

/// <summary>A token as the API shows it: never its hash; the plain <see cref="Token"/> only in the answer that created it.</summary>
internal sealed record TokenResource(
    string Name,
    string Role,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Hosts,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? Token = null)
{
    public static TokenResource From(ApiTokenRecord record, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Name, record.Role, record.Owners, record.Hosts, record.CreatedAt, record.CreatedBy, record.ExpiresAt, record.RevokedAt, token);
    }
}
