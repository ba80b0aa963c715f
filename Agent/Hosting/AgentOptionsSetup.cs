using Microsoft.Extensions.Configuration;

namespace EasyTask.Agent.Hosting;

/// <summary>Fills <see cref="AgentOptions"/> from the <c>EasyTask:Agent</c> section, then the <c>EASYTASK_AGENT_*</c> shortcuts and <c>--name</c>.</summary>
internal static class AgentOptionsSetup
{
    public const string LogsVariable = "EASYTASK_AGENT_LOGS";
    public const string JournalVariable = "EASYTASK_AGENT_JOURNAL";
    public const string OwnersVariable = "EASYTASK_AGENT_ALLOWED_OWNERS";

    /// <summary>Set by systemd from the unit's <c>StateDirectory=</c> (colon-separated when it names several).</summary>
    public const string SystemdStateVariable = "STATE_DIRECTORY";

    /// <summary>Set by systemd from the unit's <c>LogsDirectory=</c>.</summary>
    public const string SystemdLogsVariable = "LOGS_DIRECTORY";

    public static void Apply(AgentOptions options, IConfiguration configuration)
    {
        // Under systemd the unit's own directories are the defaults: they are the only ones systemd creates for the
        // service user (and, with ProtectSystem=, the only writable ones). Anything configured explicitly wins.
        if (FirstDirectory(configuration[SystemdLogsVariable]) is { } unitLogs)
        {
            options.LogDirectory = unitLogs;
        }

        if (FirstDirectory(configuration[SystemdStateVariable]) is { } unitState)
        {
            options.JournalDirectory = Path.Combine(unitState, "journal");
        }

        configuration.GetSection(AgentOptions.Section).Bind(options);

        // The short variables are what the README and service files use, so they win over the section.
        if (configuration[LogsVariable] is { Length: > 0 } logs)
        {
            options.LogDirectory = logs;
        }

        if (configuration[JournalVariable] is { Length: > 0 } journal)
        {
            options.JournalDirectory = journal;
        }

        if (configuration[OwnersVariable] is { Length: > 0 } owners)
        {
            options.AllowedOwners = [.. owners.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var fromEnvironment = configuration[AgentName.Variable] is { Length: > 0 } variable ? variable : options.Name;
        options.Name = AgentName.Resolve(configuration["name"], fromEnvironment, Environment.MachineName);
    }

    private static string? FirstDirectory(string? value) =>
        value?.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
