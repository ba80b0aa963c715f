using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CliOptions
{
    public const string ServerVariable = "EASYTASK_SERVER";

    /// <summary>
    /// <c>--utc</c>: times in UTC instead of local time. One recursive option on the root, so every verb takes it
    /// and <see cref="CliAction"/> can read it for any verb.
    /// </summary>
    public static readonly Option<bool> UtcFlag = new("--utc") { Description = "Show times in UTC (default: local time with its offset)", Recursive = true };

    /// <summary><c>--server URL</c>: the scheduler the verb talks to; env <c>EASYTASK_SERVER</c>, default http://127.0.0.1:5080.</summary>
    public static Option<string> Server() => new("--server")
    {
        Description = $"URL of the EasyTask scheduler (env {ServerVariable}, default {Hosting.SchedulerHost.DefaultUrl})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url ? url : Hosting.SchedulerHost.DefaultUrl,
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text" };
}
