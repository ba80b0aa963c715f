using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EasyTask.Scheduler.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace EasyTask.Scheduler.Security;

/// <summary>
/// Creates, checks, lists and revokes API tokens. A token is <c>et_</c> + 256 random bits; only its SHA-256 is
/// stored (a slow hash buys nothing for a secret of that strength), so the plain token exists once: when created.
/// </summary>
internal sealed partial class ApiTokens(IApiTokenStore store, TimeProvider time)
{
    public const string Prefix = "et_";

    /// <summary>Creates a token; throws <see cref="ArgumentException"/> naming the field for bad input, <see cref="InvalidOperationException"/> for a name in use.</summary>
    public async Task<NewApiToken> CreateAsync(TokenRequest request, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request);
        var existing = await store.ListAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (existing.Any(t => t.Name == request.Name && IsActive(t, now)))
        {
            throw new InvalidOperationException($"name: a token named \"{request.Name}\" exists already; revoke it first or pick another name");
        }

        var plain = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var record = new ApiTokenRecord(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), request.Name, HashOf(plain), request.Role,
            request.Owners, request.Hosts, now, createdBy, request.ExpiresIn is { } life ? now + life : null, null);
        await store.InsertAsync(record, cancellationToken);
        return new NewApiToken(record, plain);
    }

    /// <summary>The live token matching <paramref name="plain"/>, or null when unknown, revoked or expired.</summary>
    public async Task<ApiTokenRecord?> FindActiveAsync(string plain, CancellationToken cancellationToken)
    {
        if (!plain.StartsWith(Prefix, StringComparison.Ordinal) || plain.Length > 100)
        {
            return null;
        }

        var record = await store.FindByHashAsync(HashOf(plain), cancellationToken);
        return record is not null && IsActive(record, time.GetUtcNow()) ? record : null;
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Revokes the live token(s) of that name; false when there is none.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken) =>
        await store.RevokeAsync(name, time.GetUtcNow(), cancellationToken) > 0;

    public static bool IsActive(ApiTokenRecord token, DateTimeOffset now) =>
        token.RevokedAt is null && (token.ExpiresAt is not { } expires || expires > now);

    public static string HashOf(string plain) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain)));

    private static void Check(TokenRequest request)
    {
        if (!NamePattern().IsMatch(request.Name))
        {
            throw new ArgumentException($"name: must be 1-128 of A-Z a-z 0-9 _ . @ -, got \"{request.Name}\"");
        }

        if (!Roles.IsRole(request.Role))
        {
            throw new ArgumentException($"role: must be one of {string.Join(", ", Roles.All)}, got \"{request.Role}\"");
        }

        foreach (var (field, values) in new[] { ("owners", request.Owners), ("hosts", request.Hosts) })
        {
            if (values.FirstOrDefault(v => !NamePattern().IsMatch(v)) is { } bad)
            {
                throw new ArgumentException($"{field}: \"{bad}\" is not a valid name (1-128 of A-Z a-z 0-9 _ . @ -)");
            }
        }

        if (request.ExpiresIn is { } life && life <= TimeSpan.Zero)
        {
            throw new ArgumentException("expires: must be a positive duration such as 90d");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
