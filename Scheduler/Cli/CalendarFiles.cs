using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>Custom calendar files read for offline verbs (<c>task validate</c>, <c>task forecast FILE</c>), where no server knows them.</summary>
internal static class CalendarFiles
{
    /// <summary>Every valid calendar in the folders' <c>*.json</c>; a broken file is reported like a broken task and makes the result invalid.</summary>
    public static async Task<(IReadOnlyList<CalendarDefinition> Calendars, bool Valid)> LoadAsync(IEnumerable<string> folders, TextWriter report)
    {
        var calendars = new List<CalendarDefinition>();
        var valid = true;
        foreach (var file in DefinitionFiles.Expand(folders.Where(Directory.Exists)))
        {
            var outcome = CalendarDefinitionJson.Check(DefinitionFiles.Read(file));
            if (outcome.IsValid)
            {
                calendars.Add(outcome.Value!);
                continue;
            }

            valid = false;
            await DefinitionFiles.WriteErrorsAsync(report, file, outcome.Errors);
        }

        return (calendars, valid);
    }
}
