using System.Net;
using System.Text;
using EasyTask.Scheduler.Hosting;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Hosting;

/// <summary>What reaches the scheduler's log: no forged lines or terminal escapes from input, and no command lines or environment values at Information.</summary>
[TestFixture]
internal sealed class LogSafetyTests
{
    private const string Forged = "2026-01-01 00:00:00.000 +00:00 [ERR] forged entry";

    private DirectoryInfo scratch = null!;

    [SetUp]
    public void CreateScratch() => scratch = Directory.CreateTempSubdirectory("easytask-logsafety-");

    [TearDown]
    public void DeleteScratch()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Delete(recursive: true);
    }

    [Test]
    public async Task Log_HoldsNoForgedLineNoEscapeAndNoCommandOrEnvironment_WhenInputCarriesThem()
    {
        var folder = Path.Combine(scratch.FullName, "watch");
        var logs = Path.Combine(scratch.FullName, "logs");
        await using (var scheduler = await RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(scratch.FullName, "easytask.db")}",
            $"--EasyTask:Watch:Folder={folder}",
            "--EasyTask:Watch:SettleTime=00:00:00.050",
            "--Serilog:MinimumLevel:Default=Information",
            $"--EasyTask:Logging:File={Path.Combine(logs, "scheduler.log")}"))
        {
            var task = SampleDefinitions.Task(77, "log_probe").Replace("echo hello", "echo CMD_MARKER_7f3", StringComparison.Ordinal)
                .Replace("\"trigger_times\"", "\"env\": {\"API_TOKEN\": \"ENV_MARKER_9c2\"}, \"trigger_times\"", StringComparison.Ordinal);
            using var inserted = await scheduler.Http.PostAsync("api/v1/tasks", new StringContent(task, Encoding.UTF8, "application/json"));
            Assert.That(inserted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await inserted.Content.ReadAsStringAsync());
            using var run = await scheduler.Http.PostAsync("api/v1/tasks/log_probe/run", new StringContent("{}", Encoding.UTF8, "application/json"));

            // An owner name that, echoed in the rejection, would end the line and start a forged error, then clear the screen.
            Directory.CreateDirectory(folder);
            var owner = System.Text.Json.JsonSerializer.Serialize("batch\n" + Forged + "\u001b[2J");
            await File.WriteAllTextAsync(Path.Combine(folder, "forge.json"), SampleDefinitions.Task(78, "forge").Replace("\"admin\"", owner, StringComparison.Ordinal));
            await new Definitions.Watch.DropZone(folder).WaitUntilAsync(() => Directory.Exists(Path.Combine(folder, "rejected")) && Directory.GetFiles(Path.Combine(folder, "rejected")).Length > 0, "forge.json being rejected");
        }

        var log = string.Concat(Directory.GetFiles(logs).Select(File.ReadAllText));
        Assert.Multiple(() =>
        {
            Assert.That(log, Does.Contain("forge.json"), "the rejection is logged");
            Assert.That(log.Split('\n').Where(line => line.StartsWith(Forged, StringComparison.Ordinal)), Is.Empty, "a forged line");
            Assert.That(log, Does.Contain("batch\\n" + Forged), "the newline is shown escaped");
            Assert.That(log.Split('\n').Where(line => line.Contains('\u001b', StringComparison.Ordinal)), Is.Empty, "a terminal escape");
            Assert.That(log, Does.Contain("log_probe"), "the task's insert is logged");
            Assert.That(log, Does.Not.Contain("CMD_MARKER_7f3"), "cmd at Information");
            Assert.That(log, Does.Not.Contain("ENV_MARKER_9c2"), "env at Information");
        });
    }

    [TestCase("a\nb", "a\\nb")]
    [TestCase("a\r\nb", "a\\r\\nb")]
    [TestCase("\u001b[31mred", "\\u001b[31mred")]
    [TestCase("left\u202eright", "left\\u202eright")]
    [TestCase("tab\there", "tab\\u0009here")]
    [TestCase("plain é 東 😀", "plain é 東 😀")]
    public void EscapeText_ShowsControlCharactersAsEscapes(string text, string expected) =>
        Assert.That(ControlCharacterEscaper.EscapeText(text), Is.EqualTo(expected));
}
