using System.Diagnostics;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

internal sealed class ServiceFilesTests
{
    [Test]
    public async Task SystemdUnits_PassSystemdAnalyzeVerify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze") && !File.Exists("/bin/systemd-analyze"))
        {
            Assert.Ignore("systemd-analyze is not installed on this machine");
        }

        var script = Path.Combine(RepositoryPaths.RepositoryRoot, "deploy", "systemd", "verify.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("easytask-scheduler.service: OK").And.Contain("easytask-agent.service: OK"));
    }

    [Test]
    public void RabbitMqDefinitions_DeclareTheVhostTheSchedulerAndAnAgentOfItsOwn()
    {
        using var definitions = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "deploy", "rabbitmq", "definitions.json")));

        var users = definitions.RootElement.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("name").GetString());
        var permissions = definitions.RootElement.GetProperty("permissions").EnumerateArray().Select(p => (p.GetProperty("user").GetString(), p.GetProperty("vhost").GetString()));

        Assert.That(users, Is.EquivalentTo(new[] { "easytask-scheduler", "easytask-agent-billing-01" }), "one broker user per agent, as add-agent.sh makes them");
        Assert.That(permissions, Is.EquivalentTo(new[] { ("easytask-scheduler", "easytask"), ("easytask-agent-billing-01", "easytask") }));
    }
}
