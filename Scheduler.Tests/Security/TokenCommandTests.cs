using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>The first admin token of a serve installation, made offline with database access, then used over the API.</summary>
[Category("Integration")]
internal sealed class TokenCommandTests
{
    [Test]
    public async Task TokenCreate_WithDb_PrintsATokenTheServerAccepts_AndListShowsItWithoutTheSecret()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var created = await CliRun.RunAsync("token", "create", "--name", "ops-admin", "--role", "admin", "--expires", "90d", "--db", database);
        var token = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        await using var server = await RunningScheduler.StartAsync(database);

        var list = await CliRun.RunAsync("task", "list", "--server", server.Url, "--token", token);
        var tokens = await CliRun.RunAsync("token", "list", "--db", database);
        var refused = await CliRun.RunAsync("task", "list", "--server", server.Url, "--token", "et_wrong");

        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString());
        Assert.That(token, Does.StartWith("et_"));
        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        Assert.That(tokens.Output, Does.Contain("ops-admin\tadmin\tactive").And.Not.Contain(token));
        Assert.That(refused.ExitCode, Is.Not.EqualTo(0));
        Assert.That(refused.Error, Does.Contain("401"));
    }

    [Test]
    public async Task TokenCreate_FailsNamingTheRole_WhenRoleIsUnknown()
    {
        var run = await CliRun.RunAsync("token", "create", "--name", "x", "--role", "superuser", "--db", await TestDatabases.CreateAsync(TestDatabases.Sqlite));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("role").And.Contain("viewer, operator, admin"));
    }

    [Test]
    public void Serve_RefusesToListenBeyondLoopback_WhenAuthIsOff()
    {
        var error = Assert.Throws<FormatException>(() => SchedulerHost.Build(["--urls=http://0.0.0.0:0", "--EasyTask:Auth:Enabled=false", "--EasyTask:Database=sqlite:/tmp/none.db"]));

        Assert.That(error!.Message, Does.Contain("--insecure-no-auth"));
    }

    [Test]
    public async Task Standalone_WritesAnAdminTokenReadableOnlyByItsUser()
    {
        var folder = Directory.CreateTempSubdirectory("easytask-admin-token-");
        var tokenFile = Path.Combine(folder.FullName, "admin.token");
        await using (var server = await RunningScheduler.StartAsync($"sqlite:{Path.Combine(folder.FullName, "easytask.db")}", $"--EasyTask:Auth:AdminTokenFile={tokenFile}"))
        {
            var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            var list = await CliRun.RunAsync("task", "list", "--server", server.Url, "--token", token);

            Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(tokenFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
