using System.Diagnostics;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using EasyTask.Scheduler.Tests.Security.Fuzz;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>
/// The seeded fuzz run: 10,000 generated definitions and calendars, valid and broken, through the API of a real
/// <c>easytask serve</c> host (admin token) and through its watched folder at the same time. It passes when nothing
/// answers 5xx, nothing is logged as an error, every accepted input reads back as sent, and no rejected input left a row.
/// </summary>
[TestFixture]
internal sealed partial class DefinitionFuzzTests
{
    /// <summary>Change it to explore; a failure names the seed, and the same seed gives the same inputs.</summary>
    private const int Seed = 20_261_205;
    private const int Total = 10_000;
    private const int FolderShare = 1_000;

    private static readonly (long Tid, string Name)[] BaseTasks = [(1, "base_upstream_a"), (2, "base_upstream_b")];
    private static readonly string[] BaseCalendars = ["BASE_CLOSED", "BASE_YEAR_END"];

    private DirectoryInfo scratch = null!;

    [SetUp]
    public void CreateScratch() => scratch = Directory.CreateTempSubdirectory("easytask-fuzz-");

    [TearDown]
    public void DeleteScratch()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Delete(recursive: true);
    }

    [Test]
    public async Task Fuzz_AnswersEveryInputWithoutFailingOrStoringRejects_WhenTenThousandGeneratedInputsArrive()
    {
        var folder = Path.Combine(scratch.FullName, "watch");
        var logs = Path.Combine(scratch.FullName, "logs");
        await using var scheduler = await RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(scratch.FullName, "easytask.db")}",
            $"--EasyTask:Watch:Folder={folder}",
            "--EasyTask:Watch:SettleTime=00:00:00.050",
            "--EasyTask:Watch:PollInterval=00:00:00.200",
            $"--EasyTask:Logging:File={Path.Combine(logs, "scheduler.log")}");
        await SeedAsync(scheduler);
        var tally = new FuzzTally();
        var clock = Stopwatch.StartNew();

        var files = FolderFiles();
        var dropped = DropFiles(folder, files);
        var requests = Requests(Total - files.Sum(f => f.Count));
        var accepted = await SendAsync(scheduler, requests, tally);
        var sent = clock.Elapsed;
        var imported = await AwaitFolderAsync(folder, dropped, tally);

        var tasks = (await scheduler.Services.GetRequiredService<ITaskStore>().ListAsync(CancellationToken.None)).Select(t => t.Definition.Name).ToHashSet(StringComparer.Ordinal);
        var calendars = (await scheduler.Services.GetRequiredService<ICalendarStore>().ListAsync(CancellationToken.None)).Select(c => c.Calendar.Name).ToHashSet(StringComparer.Ordinal);
        CheckRows(tasks, [.. BaseTasks.Select(t => t.Name), .. accepted.Tasks, .. imported.Tasks], "task", tally);
        CheckRows(calendars, [.. BaseCalendars, .. accepted.Calendars, .. imported.Calendars], "calendar", tally);
        await ReadBackAsync(scheduler, requests, accepted, imported, tally);
        CheckLog(logs, tally);

        await TestContext.Out.WriteLineAsync(
            $"fuzz seed {Seed}: {tally.Total("api") + tally.Total("folder")} inputs in {clock.Elapsed.TotalSeconds:F1} s " +
            $"(API {requests.Count} requests in {sent.TotalSeconds:F1} s; folder {files.Count} files)");
        await TestContext.Out.WriteLineAsync(tally.Report());
        foreach (var violation in tally.Violations.Take(25))
        {
            await TestContext.Out.WriteLineAsync("PROBLEM: " + violation);
        }

        Assert.That(tally.Violations, Is.Empty, $"seed {Seed}: {tally.Violations.Count} problems; first ones:\n{string.Join("\n", tally.Violations.Take(25))}");
        Assert.That(tally.Total("api") + tally.Total("folder"), Is.GreaterThanOrEqualTo(Total));
    }

    private static List<FuzzCase> Requests(int items)
    {
        var fuzzer = new DefinitionFuzzer(Seed, "api_", 1_000_000, BaseTasks, BaseCalendars);
        return Enumerable.Range(0, items).Select(_ => fuzzer.NextRequest()).ToList();
    }

    private static List<FuzzCase> FolderFiles()
    {
        var fuzzer = new DefinitionFuzzer(Seed + 1, "dir_", 5_000_000, BaseTasks, BaseCalendars);
        var files = new List<FuzzCase>();
        while (files.Sum(f => f.Count) < FolderShare)
        {
            files.Add(fuzzer.NextFile());
        }

        return files;
    }

    private static void CheckRows(HashSet<string> stored, HashSet<string> accepted, string what, FuzzTally tally)
    {
        foreach (var extra in stored.Except(accepted).Take(20))
        {
            tally.Violation($"a {what} row \"{Printable(extra)}\" exists though no input that created it was accepted (a rejected input was stored)");
        }

        foreach (var missing in accepted.Except(stored).Take(20))
        {
            tally.Violation($"{what} \"{Printable(missing)}\" was accepted but has no row");
        }
    }

    /// <summary>No error or fatal line and no unhandled exception in the scheduler's log file.</summary>
    private static void CheckLog(string folder, FuzzTally tally)
    {
        var lines = Directory.GetFiles(folder).SelectMany(File.ReadLines).ToList();
        Assert.That(lines, Is.Not.Empty, "the scheduler wrote no log file; the check would prove nothing");
        foreach (var line in lines.Where(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal)
            || l.Contains("nhandled", StringComparison.Ordinal)).Take(10))
        {
            tally.Violation($"log: {line}");
        }
    }

    internal static string Printable(string text) =>
        string.Concat(text.Take(80).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
