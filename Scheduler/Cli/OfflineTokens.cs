using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Audit;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Cli;

/// <summary>Token verbs straight on the database (<c>--db</c>): the schema is brought up to date first, and each change is audited.</summary>
internal sealed class OfflineTokens : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly ApiTokens tokens;
    private readonly AuditTrail audit;
    private readonly string who = $"cli {Environment.UserName}@{Environment.MachineName} (database access)";

    private OfflineTokens(ServiceProvider services)
    {
        this.services = services;
        tokens = services.GetRequiredService<ApiTokens>();
        audit = services.GetRequiredService<AuditTrail>();
    }

    public static async Task<OfflineTokens> OpenAsync(string setting, CancellationToken ct)
    {
        DatabaseOptions options;
        try
        {
            options = DatabaseOptions.Parse(setting);
        }
        catch (FormatException ex)
        {
            throw new CliException(ex.Message, ExitCodes.InvalidInput);
        }

        var collection = new ServiceCollection().AddLogging().AddStorage(options);
        collection.AddSingleton<ApiTokens>();
        collection.AddSingleton<AuditTrail>();
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(ct);
        return new OfflineTokens(services);
    }

    public async Task<TokenResource> CreateAsync(TokenCreateBody body, CancellationToken ct)
    {
        TimeSpan? life = null;
        if (body.Expires is { Length: > 0 } expires)
        {
            life = Durations.TryParse(expires, out var parsed) ? parsed : throw new CliException($"--expires: must be a duration such as 90d, 12h or 30m, got \"{expires}\"", ExitCodes.InvalidInput);
        }

        try
        {
            var created = await tokens.CreateAsync(new TokenRequest(body.Name ?? "", body.Role ?? "", body.Owners ?? [], body.Hosts ?? [], life), who, ct);
            await audit.RecordAsync(who, "local", "token.create", $"token {created.Record.Name}", 201, detail: $"role {created.Record.Role}");
            return TokenResource.From(created.Record, created.Token);
        }
        catch (ArgumentException ex)
        {
            throw new CliException("--" + ex.Message, ExitCodes.InvalidInput);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException("--" + ex.Message, ExitCodes.InvalidInput);
        }
    }

    public async Task<List<TokenResource>> ListAsync(CancellationToken ct) =>
        (await tokens.ListAsync(ct)).Select(t => TokenResource.From(t)).ToList();

    public async Task RevokeAsync(string name, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(name, ct))
        {
            throw new CliException($"no live token named \"{name}\"", ExitCodes.ServerRefused);
        }

        await audit.RecordAsync(who, "local", "token.revoke", $"token {name}", 204);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
