using System.Diagnostics;

namespace EasyTask.Scheduler.Tests.Definitions.Watch;

/// <summary>The watched folder as an operator sees it: drop files in, look at what is left, processed and rejected.</summary>
internal sealed class DropZone(string path)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public string Path { get; } = path;

    public string CalendarsPath => System.IO.Path.Combine(Path, "calendars");

    /// <summary>Writes a task file into the folder and returns its path.</summary>
    public string Drop(string fileName, string json)
    {
        Directory.CreateDirectory(Path);
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, json);
        return file;
    }

    /// <summary>Writes a calendar file into <c>calendars/</c> and returns its path.</summary>
    public string DropCalendar(string fileName, string json)
    {
        Directory.CreateDirectory(CalendarsPath);
        var file = System.IO.Path.Combine(CalendarsPath, fileName);
        File.WriteAllText(file, json);
        return file;
    }

    /// <summary>File names directly in the folder (what is still waiting).</summary>
    public IReadOnlyList<string> Waiting() => NamesIn(Path);

    public IReadOnlyList<string> Processed(string under = "") => NamesIn(System.IO.Path.Combine(Path, under, "processed"));

    public IReadOnlyList<string> Rejected(string under = "") => NamesIn(System.IO.Path.Combine(Path, under, "rejected"));

    /// <summary>The text of the single errors file in <c>rejected/</c>.</summary>
    public string ErrorsText(string under = "") =>
        File.ReadAllText(Directory.GetFiles(System.IO.Path.Combine(Path, under, "rejected"), "*.errors.txt").Single());

    /// <summary>Polls until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and the folder's state when it never does.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (patience ?? Patience))
            {
                Assert.Fail($"{what} did not happen within {(patience ?? Patience).TotalSeconds} s; waiting: [{string.Join(", ", Waiting())}], " +
                    $"processed: [{string.Join(", ", Processed())}], rejected: [{string.Join(", ", Rejected())}]");
            }

            await Task.Delay(25);
        }
    }

    private static List<string> NamesIn(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)]
        : [];
}
