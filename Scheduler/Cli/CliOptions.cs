using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CliOptions
{
    public const string ServerVariable = "EASYTASK_SERVER";

    public const string UtcOptionName = "--utc";

    /// <summary>
    /// <c>--utc</c> on every verb: times in UTC instead of local time. Recursive on the root, so
    /// <see cref="CliAction"/> reads it by name for any verb.
    /// </summary>
    public static Option<bool> Utc() => new(UtcOptionName) { Description = "Show times in UTC (default: local time with its offset)", Recursive = true };

    /// <summary><c>--server URL</c>: the scheduler the verb talks to; env <c>EASYTASK_SERVER</c>, default http://127.0.0.1:5080.</summary>
    public static Option<string> Server() => new("--server")
    {
        Description = $"URL of the EasyTask scheduler (env {ServerVariable}, default {Hosting.SchedulerHost.DefaultUrl})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url ? url : Hosting.SchedulerHost.DefaultUrl,
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text" };

    /// <summary><c>--token</c> on every verb: the API token to send (else EASYTASK_TOKEN, else ./data/admin.token).</summary>
    public static Option<string?> Token() => new(CliCredentials.TokenOptionName)
    {
        Description = $"API token to send (env {CliCredentials.TokenVariable}; else ./data/admin.token when it exists)",
        Recursive = true,
    };
}
