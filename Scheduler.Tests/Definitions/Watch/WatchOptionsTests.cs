using EasyTask.Scheduler.Definitions.Watch;
using EasyTask.Scheduler.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>The watched folder's settings: documented defaults, refused nonsense, the EASYTASK_TASKS_DIR alias.</summary>
[TestFixture]
internal sealed class WatchOptionsTests
{
    [Test]
    public void Options_WatchNoFolderWithDocumentedTimes_WhenNothingIsConfigured()
    {
        var options = Resolve([]);

        Assert.That((options.Enabled, options.SettleTime, options.PollInterval), Is.EqualTo((false, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2))));
    }

    [Test]
    public void Options_AreRefusedNamingTheSection_WhenThePollIntervalIsZero()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["EasyTask:Watch:PollInterval"] = "00:00:00" }));

        Assert.That(refused!.Message, Does.Contain("EasyTask:Watch: SettleTime and PollInterval must be positive"));
    }

    [Test]
    public void Aliases_SetTheWatchedFolder_WhenEasyTaskTasksDirIsSet()
    {
        Environment.SetEnvironmentVariable("EASYTASK_TASKS_DIR", "/srv/easytask/tasks");
        try
        {
            var configuration = new ConfigurationBuilder().AddEasyTaskAliases().Build();

            Assert.That(configuration[ConfigurationAliases.WatchFolderKey], Is.EqualTo("/srv/easytask/tasks"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("EASYTASK_TASKS_DIR", null);
        }
    }

    private static WatchOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddWatchedFolder(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<WatchOptions>>().Value;
    }
}
