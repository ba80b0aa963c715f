using System.CommandLine;
using EasyTask.Scheduler.Security;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask token create|list|revoke</c>. With <c>--db</c> (or EASYTASK_DB set) it works on the database directly,
/// which is how the first admin token of a <c>serve</c> installation is made; otherwise through the API as an admin.
/// </summary>
internal static class TokenCommand
{
    public static Command Create() => new("token", "API tokens: create (printed once), list, revoke")
    {
        CreateVerb(),
        ListVerb(),
        RevokeVerb(),
    };

    private static Command CreateVerb()
    {
        var name = new Option<string>("--name") { Description = "Token name (shown in logs and the audit trail)", Required = true };
        var role = new Option<string>("--role") { Description = "viewer | operator | admin", Required = true };
        var owners = new Option<string?>("--owners") { Description = "Limit to these task owners, comma-separated" };
        var hosts = new Option<string?>("--hosts") { Description = "Limit to these agent hosts, comma-separated" };
        var expires = new Option<string?>("--expires") { Description = "Lifetime such as 90d or 12h (default: until revoked)" };
        var (server, db) = (CliOptions.Server(), Db());
        var command = new Command("create", "Create an API token; it is printed once and only its hash is stored") { name, role, owners, hosts, expires, server, db };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var body = new TokenCreateBody(parse.GetValue(name), parse.GetValue(role), List(parse.GetValue(owners)), List(parse.GetValue(hosts)), parse.GetValue(expires));
            TokenResource created;
            if (parse.GetValue(db) is { Length: > 0 } setting)
            {
                await using var offline = await OfflineTokens.OpenAsync(setting, ct);
                created = await offline.CreateAsync(body, ct);
            }
            else
            {
                created = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).CreateTokenAsync(body, ct);
            }

            await cli.Output.WriteLineAsync($"Token created: {created.Name}, role {created.Role}{Limits(created)}{(created.ExpiresAt is { } at ? $", expires {at:u}" : "")}");
            await cli.Output.WriteLineAsync("Store it now; it is not shown again:");
            await cli.Output.WriteLineAsync(created.Token);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListVerb()
    {
        var (server, db, json) = (CliOptions.Server(), Db(), CliOptions.Json());
        var command = new Command("list", "List API tokens (never the tokens themselves)") { server, db, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            List<TokenResource> tokens;
            if (parse.GetValue(db) is { Length: > 0 } setting)
            {
                await using var offline = await OfflineTokens.OpenAsync(setting, ct);
                tokens = await offline.ListAsync(ct);
            }
            else
            {
                tokens = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ListTokensAsync(ct);
            }

            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(tokens, Api.ApiJson.Options));
                return ExitCodes.Ok;
            }

            foreach (var t in tokens)
            {
                var state = t.RevokedAt is not null ? "revoked" : t.ExpiresAt is { } e && e < TimeProvider.System.GetUtcNow() ? "expired" : "active";
                await cli.Output.WriteLineAsync($"{t.Name}\t{t.Role}\t{state}{Limits(t)}\tcreated {t.CreatedAt:u} by {t.CreatedBy}{(t.ExpiresAt is { } at ? $"\texpires {at:u}" : "")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeVerb()
    {
        var name = new Argument<string>("name") { Description = "Name of the token to revoke" };
        var (server, db) = (CliOptions.Server(), Db());
        var command = new Command("revoke", "Revoke an API token at once") { name, server, db };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            if (parse.GetValue(db) is { Length: > 0 } setting)
            {
                await using var offline = await OfflineTokens.OpenAsync(setting, ct);
                await offline.RevokeAsync(parse.GetValue(name)!, ct);
            }
            else
            {
                await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).RevokeTokenAsync(parse.GetValue(name)!, ct);
            }

            await cli.Output.WriteLineAsync($"Token revoked: {parse.GetValue(name)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> Db() => new("--db")
    {
        Description = "Work on this database directly (env EASYTASK_DB), e.g. to make the first admin token: sqlite:<path> | postgres:<cs> | sqlserver:<cs>",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EASYTASK_DB"),
    };

    private static List<string> List(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Limits(TokenResource t) =>
        (t.Owners.Count > 0 ? $", owners {string.Join(",", t.Owners)}" : "") + (t.Hosts.Count > 0 ? $", hosts {string.Join(",", t.Hosts)}" : "");
}
