namespace EasyTask.Scheduler.Security;

/// <summary>Says at every start how callers are authenticated, and warns loudly when auth is off.</summary>
internal sealed partial class AuthStartupWarning(AuthOptions auth, ILogger<AuthStartupWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!auth.Enabled)
        {
            LogAuthOff(logger);
        }
        else
        {
            LogAuthOn(logger, string.IsNullOrWhiteSpace(auth.Oidc.Authority) ? "API tokens" : $"API tokens and OIDC ({auth.Oidc.Authority})");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUTHENTICATION IS OFF (--insecure-no-auth): anyone who can reach the API can define and run commands on every agent")]
    private static partial void LogAuthOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "API authentication on: {Methods}")]
    private static partial void LogAuthOn(ILogger logger, string methods);
}
