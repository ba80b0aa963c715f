using System.Diagnostics;
using EasyTask.Scheduler.Tests.Security.Fuzz;

namespace EasyTask.Scheduler.Tests.Security;

internal sealed partial class DefinitionFuzzTests
{
    private static readonly TimeSpan FolderPatience = TimeSpan.FromSeconds(120);

    /// <summary>Writes every file (calendars into <c>calendars/</c>) as <c>fNNNNN.json</c>; returns the cases by file name stem.</summary>
    private static Dictionary<string, FuzzCase> DropFiles(string folder, List<FuzzCase> files)
    {
        var calendars = Path.Combine(folder, "calendars");
        Directory.CreateDirectory(calendars);
        var byStem = new Dictionary<string, FuzzCase>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stem = $"f{file.Index:D5}";
            byStem[stem] = file;

            // Written aside and moved in, as an operator's tool should, so the scanner never sees half a file.
            var target = Path.Combine(file.IsCalendar ? calendars : folder, stem + ".json");
            File.WriteAllBytes(target + ".part", file.Body);
            File.Move(target + ".part", target);
        }

        return byStem;
    }

    /// <summary>Waits until every file is in processed/ or rejected/, then checks each against what it should have got.</summary>
    private static async Task<Created> AwaitFolderAsync(string folder, Dictionary<string, FuzzCase> dropped, FuzzTally tally)
    {
        var calendars = Path.Combine(folder, "calendars");
        var watch = Stopwatch.StartNew();
        while (Done(folder) + Done(calendars) < dropped.Count)
        {
            if (watch.Elapsed > FolderPatience)
            {
                var left = Directory.GetFiles(folder, "f*.json").Concat(Directory.GetFiles(calendars, "f*.json")).Select(Path.GetFileName).Take(10);
                tally.Violation($"folder: {dropped.Count - Done(folder) - Done(calendars)} files still waiting after {FolderPatience.TotalSeconds} s, e.g. {string.Join(", ", left)}");
                break;
            }

            await Task.Delay(100);
        }

        var created = new Created();
        foreach (var sub in new[] { folder, calendars })
        {
            Classify(Path.Combine(sub, "processed"), accepted: true, dropped, created, tally);
            Classify(Path.Combine(sub, "rejected"), accepted: false, dropped, created, tally);
        }

        return created;
    }

    private static void Classify(string folder, bool accepted, Dictionary<string, FuzzCase> dropped, Created created, FuzzTally tally)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var path in Directory.GetFiles(folder).Where(f => !f.EndsWith(".errors.txt", StringComparison.Ordinal)))
        {
            var stem = Path.GetFileName(path).Split('.')[0];
            if (!dropped.TryGetValue(stem, out var fuzz))
            {
                continue;
            }

            tally.Count("folder", fuzz, accepted ? "imported" : "rejected");
            Expect(tally, "folder", fuzz, accepted);
            if (accepted)
            {
                foreach (var name in fuzz.Names)
                {
                    (fuzz.IsCalendar ? created.CalendarBag : created.TaskBag).Add(name);
                }
            }
            else if (File.ReadAllText(path + ".errors.txt").Contains("could not be applied", StringComparison.Ordinal))
            {
                tally.Violation($"folder {stem} ({fuzz.Class}) failed with an exception: {Printable(File.ReadAllText(path + ".errors.txt"))}");
            }
        }
    }

    private static int Done(string folder) =>
        new[] { "processed", "rejected" }.Select(s => Path.Combine(folder, s)).Where(Directory.Exists)
            .Sum(d => Directory.GetFiles(d).Count(f => !f.EndsWith(".errors.txt", StringComparison.Ordinal)));
}
