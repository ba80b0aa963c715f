using EasyTask.Agent.Hosting;

namespace EasyTask.Agent.Tests.Hosting;

internal sealed class AgentNameTests
{
    [Test]
    public void Resolve_PrefersCommandLine_WhenAllAreGiven() =>
        Assert.That(AgentName.Resolve("billing-01", "from-env", "machine"), Is.EqualTo("billing-01"));

    [Test]
    public void Resolve_UsesEnvironment_WhenCommandLineIsBlank() =>
        Assert.That(AgentName.Resolve("  ", "from-env", "machine"), Is.EqualTo("from-env"));

    [Test]
    public void Resolve_UsesMachineName_WhenNothingIsConfigured() =>
        Assert.That(AgentName.Resolve(null, null, "production-server-1"), Is.EqualTo("production-server-1"));

    [TestCase("has space")]
    [TestCase("slash/name")]
    public void Resolve_RejectsNamesThatCannotBeQueueNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => AgentName.Resolve(name, null, "machine"));
        Assert.That(error!.Message, Does.Contain(name).And.Contain("agent.<name>"));
    }
}
