using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>Invalid files land in rejected/ beside their reasons, and nothing of them is stored.</summary>
[TestFixture]
internal sealed class WatchedFolderRejectionTests
{
    private WatchHarness watch = null!;

    [SetUp]
    public async Task StartAsync()
    {
        watch = await WatchHarness.CreateAsync();
        await watch.StartWatchingAsync();
    }

    [TearDown]
    public async Task StopAsync() => await watch.DisposeAsync();

    [Test]
    public async Task Import_MovesTheFileToRejectedBesideItsErrors_WhenTheDefinitionBreaksRules()
    {
        var broken = SampleDefinitions.Task(0, "bad report").Replace("America/New_York", "Mars/Phobos", StringComparison.Ordinal);
        watch.Folder.Drop("task2.json", broken);

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "task2.json and its errors moving to rejected/");

        var rejected = watch.Folder.Rejected();
        Assert.That(rejected[0], Does.Match(@"^task2\.\d{8}T\d{6}Z\.json$"));
        Assert.That(rejected[1], Is.EqualTo(rejected[0] + ".errors.txt"));
        var lines = watch.Folder.ErrorsText().TrimEnd().Split(Environment.NewLine);
        Assert.That(lines[0], Does.Match(@"^# tasks/task2\.json rejected at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: 3 problems"));
        Assert.That(lines.Skip(1), Has.Some.StartsWith("tid: is required"));
        Assert.That(lines.Skip(1), Has.Some.StartsWith("name: must use only letters"));
        Assert.That(lines.Skip(1), Has.Some.StartsWith("timezone: \"Mars/Phobos\" is not a known time zone"));
        Assert.That(await watch.Tasks.ListAsync(CancellationToken.None), Is.Empty);
        Assert.That(watch.Folder.Waiting(), Is.Empty);
        Assert.That(watch.Logs.Lines, Has.Some.StartsWith("Warning: Definition file rejected: tasks/task2.json has 3 problem(s)"));
    }

    [Test]
    public async Task Import_StoresNothingOfTheFile_WhenOneDefinitionOfAnArrayIsInvalid()
    {
        var third = SampleDefinitions.Task(203, "third").Replace("08:30", "25:00", StringComparison.Ordinal);
        watch.Folder.Drop("batch.json", $"[{SampleDefinitions.Task(201, "first")}, {SampleDefinitions.Task(202, "second")}, {third}]");

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "batch.json and its errors moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("[2].trigger_times: "));
        Assert.That(await watch.Tasks.ListAsync(CancellationToken.None), Is.Empty, "no half-import: the valid first two are not stored either");
    }

    [Test]
    public async Task Import_StoresEveryDefinition_WhenAllOfAnArrayAreValid()
    {
        watch.Folder.Drop("batch.json", $"[{SampleDefinitions.Task(201, "first")}, {SampleDefinitions.Task(202, "second")}, {SampleDefinitions.Task(203, "third")}]");

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Processed().Count == 1, "batch.json moving to processed/");

        var stored = await watch.Tasks.ListAsync(CancellationToken.None);
        Assert.That(stored.Select(t => t.Definition.Name), Is.EqualTo(new[] { "first", "second", "third" }));
        Assert.That(stored.Select(t => t.Source).Distinct(), Is.EqualTo(new[] { "watched folder tasks/batch.json" }));
    }

    [Test]
    public async Task Import_RejectsWithLineAndPosition_WhenTheJsonIsMalformed()
    {
        watch.Folder.Drop("broken.json", "{\n  \"tid\": 5,\n  \"name\": \"x\"\n  \"cmd\": \"y\"\n}");

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "broken.json and its errors moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("$: malformed JSON at line 4"));
    }

    [Test]
    public async Task Import_RejectsTheCycle_WhenTwoTasksOfTheFileWaitForEachOther()
    {
        var first = SampleDefinitions.Task(201, "first", ",\n  \"depends_on\": [\"second\"]");
        var second = SampleDefinitions.Task(202, "second", ",\n  \"depends_on\": [\"first\"]");
        watch.Folder.Drop("loop.json", $"[{first}, {second}]");

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "loop.json and its errors moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("[0].depends_on: would form a dependency cycle: first → second → first"));
        Assert.That(await watch.Tasks.ListAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Import_RejectsNamingBothItems_WhenAnArrayDefinesATaskTwice()
    {
        watch.Folder.Drop("twice.json", $"[{SampleDefinitions.Task(201, "first")}, {SampleDefinitions.Task(202, "first")}]");

        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "twice.json and its errors moving to rejected/");

        Assert.That(watch.Folder.ErrorsText(), Does.Contain("[1].name: \"first\" is already defined at [0]"));
    }

    [Test]
    public async Task Import_KeepsBothRejectedFiles_WhenTheSameNameIsRejectedTwice()
    {
        watch.Folder.Drop("bad.json", "{}");
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 2, "the first bad.json moving to rejected/");

        watch.Folder.Drop("bad.json", "[]");
        await watch.Folder.WaitUntilAsync(() => watch.Folder.Rejected().Count == 4, "the second bad.json moving to rejected/ beside the first");

        var errors = Directory.GetFiles(Path.Combine(watch.Folder.Path, "rejected"), "*.errors.txt").Select(File.ReadAllText).ToList();
        Assert.That(errors, Has.Some.Contains("tid: is required").And.Some.Contains("$: the array holds no task definition"));
    }
}
