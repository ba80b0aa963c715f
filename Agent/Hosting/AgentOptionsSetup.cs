using Microsoft.Extensions.Configuration;

namespace EasyTask.Agent.Hosting;

/// <summary>Fills <see cref="AgentOptions"/> from the <c>EasyTask:Agent</c> section, then the <c>EASYTASK_AGENT_*</c> shortcuts and <c>--name</c>.</summary>
internal static class AgentOptionsSetup
{
    public const string LogsVariable = "EASYTASK_AGENT_LOGS";
    public const string JournalVariable = "EASYTASK_AGENT_JOURNAL";
    public const string OwnersVariable = "EASYTASK_AGENT_ALLOWED_OWNERS";

    public static void Apply(AgentOptions options, IConfiguration configuration)
    {
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
}
