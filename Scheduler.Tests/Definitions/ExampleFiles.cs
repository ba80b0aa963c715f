using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>The example definitions under <c>shared/examples</c>, as test case sources: a new file is covered without touching a test.</summary>
internal static class ExampleFiles
{
    public static string TaskFolder => RepositoryPaths.Shared(Path.Combine("examples", "tasks"));

    public static string CalendarFolder => RepositoryPaths.Shared(Path.Combine("examples", "calendars"));

    public static IEnumerable<TestCaseData> Tasks() => CasesFor(TaskFolder);

    public static IEnumerable<TestCaseData> Calendars() => CasesFor(CalendarFolder);

    /// <summary>The built-in calendars plus every example calendar, so examples may name either.</summary>
    public static ICalendarCatalog CalendarCatalog()
    {
        var names = Directory.EnumerateFiles(CalendarFolder, "*.json")
            .Select(path => CalendarDefinitionJson.Check(File.ReadAllText(path)).Value?.Name)
            .OfType<string>();
        return new CalendarCatalog(names);
    }

    public static string Read(string folder, string fileName) => File.ReadAllText(Path.Combine(folder, fileName));

    private static IEnumerable<TestCaseData> CasesFor(string folder) =>
        Directory.EnumerateFiles(folder, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)));
}
