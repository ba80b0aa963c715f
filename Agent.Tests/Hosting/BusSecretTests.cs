using EasyTask.Contracts.Messages;

namespace EasyTask.Agent.Tests.Hosting;

/// <summary>The bus password from a file or a systemd credential, so it never has to sit in the environment.</summary>
internal sealed class BusSecretTests
{
    private DirectoryInfo folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("easytask-bus-secret-");

    [TearDown]
    public void DeleteFolder() => folder.Delete(recursive: true);

    [Test]
    public void Load_TakesThePasswordFromTheFile_WhenEasytaskBusNamesNone()
    {
        var file = Write("secret", "s3cr3t\n");

        var bus = BusSettings.Load("amqp://easytask-agent-b1@mq1:5672/easytask", file, null);

        Assert.That((bus.User, bus.Password, bus.Host!.Host), Is.EqualTo(("easytask-agent-b1", "s3cr3t", "mq1")));
    }

    [Test]
    public void Load_TakesTheWholeSettingFromTheFile_WhenItHoldsAnAmqpUrl()
    {
        var file = Write("secret", "amqp://u:p@mq2:5673/v\n");

        var bus = BusSettings.Load(null, file, null);

        Assert.That((bus.User, bus.Password, bus.Host!.Port), Is.EqualTo(("u", "p", 5673)));
    }

    [Test]
    public void Load_ReadsTheSystemdCredential_WhenNoFileIsNamed()
    {
        Write(BusSettings.CredentialName, "from-systemd");

        var bus = BusSettings.Load("amqp://a@mq1/easytask", null, folder.FullName);

        Assert.That(bus.Password, Is.EqualTo("from-systemd"));
    }

    [Test]
    public void Load_FailsNamingTheFile_WhenItCannotBeRead()
    {
        var missing = Path.Combine(folder.FullName, "missing");

        Assert.That(() => BusSettings.Load("amqp://a@mq1/easytask", missing, null), Throws.InstanceOf<FormatException>().With.Message.Contains(missing).And.Message.Contains("EASYTASK_BUS_FILE"));
    }

    [Test]
    public void Load_StaysInMemory_WhenTheSettingSaysSoExplicitly()
    {
        var file = Write("secret", "amqp://u:p@mq2/v");

        Assert.That(BusSettings.Load("inmemory", file, null).InMemory, Is.True);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
