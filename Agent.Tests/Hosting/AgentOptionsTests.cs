using EasyTask.Agent.Hosting;
using Microsoft.Extensions.Configuration;

namespace EasyTask.Agent.Tests.Hosting;

internal sealed class AgentOptionsTests
{
    [Test]
    public void Validate_AcceptsDefaults_WhenNothingIsConfigured()
    {
        var options = Configure([]);

        Assert.That(new AgentOptionsValidator().Validate(null, options).Succeeded, Is.True);
        Assert.That((options.MaxConcurrentRuns, options.KillGracePeriod, options.AllowedOwners.Count), Is.EqualTo((4, TimeSpan.FromSeconds(5), 0)));
        Assert.That(options.EffectiveJournalDirectory, Is.EqualTo(Path.GetFullPath(options.LogDirectory) + "-journal"));
    }

    [Test]
    public void Apply_PrefersShortVariables_WhenSectionAlsoSetsThem()
    {
        var options = Configure(new()
        {
            ["EasyTask:Agent:LogDirectory"] = "/srv/section-logs",
            ["EasyTask:Agent:MaxConcurrentRuns"] = "8",
            ["EASYTASK_AGENT_LOGS"] = "/var/log/easytask",
            ["EASYTASK_AGENT_ALLOWED_OWNERS"] = "batch, etl",
            ["EASYTASK_AGENT_NAME"] = "billing-01",
        });

        Assert.That((options.LogDirectory, options.MaxConcurrentRuns, options.Name), Is.EqualTo(("/var/log/easytask", 8, "billing-01")));
        Assert.That(options.AllowedOwners, Is.EqualTo(new[] { "batch", "etl" }));
    }

    [Test]
    public void Apply_PutsLogsAndJournalInTheUnitsDirectories_WhenRunBySystemd()
    {
        var options = Configure(new() { ["LOGS_DIRECTORY"] = "/var/log/easytask-agent", ["STATE_DIRECTORY"] = "/var/lib/easytask-agent:/var/lib/other" });

        Assert.That((options.LogDirectory, options.EffectiveJournalDirectory), Is.EqualTo(("/var/log/easytask-agent", "/var/lib/easytask-agent/journal")));
        Assert.That(new AgentOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void Apply_PrefersExplicitDirectories_WhenSystemdAlsoNamesItsOwn()
    {
        var options = Configure(new()
        {
            ["LOGS_DIRECTORY"] = "/var/log/easytask-agent",
            ["STATE_DIRECTORY"] = "/var/lib/easytask-agent",
            ["EASYTASK_AGENT_LOGS"] = "/srv/task-output",
            ["EasyTask:Agent:JournalDirectory"] = "/srv/journal",
        });

        Assert.That((options.LogDirectory, options.EffectiveJournalDirectory), Is.EqualTo(("/srv/task-output", "/srv/journal")));
    }

    [Test]
    public void Validate_RefusesJournal_WhenItLiesInsideTheLogDirectory()
    {
        var options = Configure(new() { ["EASYTASK_AGENT_LOGS"] = "/var/log/easytask", ["EASYTASK_AGENT_JOURNAL"] = "/var/log/easytask/journal" });

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.FailureMessage, Does.Contain("JournalDirectory").And.Contain("outside the log directory"));
    }

    [TestCase("MaxConcurrentRuns", "0")]
    [TestCase("KillGracePeriod", "-00:00:01")]
    [TestCase("OutputBatchMaxBytes", "10")]
    public void Validate_NamesTheSetting_WhenItIsOutOfRange(string setting, string value)
    {
        var options = Configure(new() { [$"EasyTask:Agent:{setting}"] = value });

        Assert.That(new AgentOptionsValidator().Validate(null, options).FailureMessage, Does.StartWith(setting + ":"));
    }

    private static AgentOptions Configure(Dictionary<string, string?> values)
    {
        var options = new AgentOptions();
        AgentOptionsSetup.Apply(options, new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return options;
    }
}
