namespace EasyTask.Scheduler.Security;

/// <summary>
/// <c>standalone</c>'s first admin token: made at first start into <c>&lt;data&gt;/admin.token</c> (mode 0600), reused
/// while it is valid, replaced (the old one revoked) when the file or its token is gone. The CLI reads that file.
/// </summary>
internal static partial class AdminTokenFile
{
    public const string TokenName = "standalone-admin";

    /// <summary>Makes sure the file holds a live admin token; returns the token, or null when no file is configured.</summary>
    public static async Task<string?> EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var auth = services.GetRequiredService<AuthOptions>();
        if (!auth.Enabled || string.IsNullOrWhiteSpace(auth.AdminTokenFile))
        {
            return null;
        }

        var tokens = services.GetRequiredService<ApiTokens>();
        var path = Path.GetFullPath(auth.AdminTokenFile);
        if (File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).Trim() is { Length: > 0 } existing
            && await tokens.FindActiveAsync(existing, cancellationToken) is not null)
        {
            return existing;
        }

        await tokens.RevokeAsync(TokenName, cancellationToken);
        var created = await tokens.CreateAsync(new TokenRequest(TokenName, Roles.Admin, [], [], null), "standalone first start", cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(path, options))
        {
            await file.WriteLineAsync(created.Token);
        }

        LogCreated(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminTokenFile)), path);
        return created.Token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API token written to {Path} (readable by this user only)")]
    private static partial void LogCreated(ILogger logger, string path);
}
