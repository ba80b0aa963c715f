using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Definitions.Watch;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>Handled files are kept under timestamped names, and none ever overwrites another.</summary>
[TestFixture]
internal sealed class FileArchiveTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 22, 30, 15, TimeSpan.Zero);

    private DirectoryInfo scratch = null!;
    private DropFolder folder = null!;
    private FileArchive archive = null!;

    [SetUp]
    public void CreateFolder()
    {
        scratch = Directory.CreateTempSubdirectory("easytask-archive-");
        folder = DropFolder.Under(Path.Combine(scratch.FullName, "tasks"), "tasks");
        folder.EnsureCreated();
        archive = new FileArchive(new FakeTimeProvider(Now));
    }

    [TearDown]
    public void DeleteFolder() => scratch.Delete(recursive: true);

    [Test]
    public void Processed_AddsACounter_WhenTheTimestampedNameIsTaken()
    {
        var first = archive.Processed(folder, Drop("task2.json", "first"));
        var second = archive.Processed(folder, Drop("task2.json", "second"));

        Assert.That(Path.GetFileName(first), Is.EqualTo("task2.20261122T223015Z.json"));
        Assert.That(Path.GetFileName(second), Is.EqualTo("task2.20261122T223015Z-2.json"));
        Assert.That((File.ReadAllText(first), File.ReadAllText(second)), Is.EqualTo(("first", "second")));
    }

    [Test]
    public void Rejected_WritesAHeaderAndOneLinePerProblem_BesideTheFile()
    {
        var moved = archive.Rejected(folder, Drop("task2.json", "{}"), [new FieldError("tid", "is required"), new FieldError("[1].timezone", "is not a known time zone")]);

        Assert.That(Path.GetFileName(moved), Is.EqualTo("task2.20261122T223015Z.json"));
        Assert.That(File.ReadAllLines(moved + ".errors.txt"), Is.EqualTo(new[]
        {
            "# tasks/task2.json rejected at 2026-11-22T22:30:15Z: 2 problems; fix them and drop the file into tasks/ again",
            "tid: is required",
            "[1].timezone: is not a known time zone",
        }));
    }

    private string Drop(string name, string text)
    {
        var file = Path.Combine(folder.Path, name);
        File.WriteAllText(file, text);
        return file;
    }
}
