using System.CommandLine;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task validate PATH...</c>: checks definition files offline, one line per file.</summary>
internal static class TaskValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Definition files, or folders whose *.json files are checked", Arity = ArgumentArity.OneOrMore };
        var calendars = new Option<string[]>("--calendars")
        {
            Description = "Folder of calendar JSON files the definitions may name (a 'calendars' folder inside each PATH folder is read too)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("validate", "Check task definition files offline: prints 'file: OK' or 'file: field: message' per problem; exit 0 when all are valid, 2 otherwise")
        {
            paths,
            calendars,
        };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var given = parse.GetValue(paths) ?? [];
            var calendarFolders = (parse.GetValue(calendars) ?? [])
                .Concat(given.Where(Directory.Exists).Select(p => Path.Combine(p, DefinitionFiles.CalendarsFolder)));
            var catalog = await LoadCalendarsAsync(calendarFolders, cli);
            var allValid = catalog.Valid;
            foreach (var file in DefinitionFiles.Expand(given))
            {
                allValid &= await ValidateFileAsync(file, catalog.Catalog, cli);
            }

            return allValid ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static async Task<bool> ValidateFileAsync(string file, ICalendarCatalog catalog, CliContext cli)
    {
        if (!File.Exists(file))
        {
            await cli.Output.WriteLineAsync($"{file}: $: no such file or folder");
            return false;
        }

        var errors = TaskDefinitionValidator.CheckMany(DefinitionFiles.Read(file), catalog).SelectMany(o => o.Errors).ToList();
        if (errors.Count == 0)
        {
            await cli.Output.WriteLineAsync($"{file}: OK");
            return true;
        }

        await DefinitionFiles.WriteErrorsAsync(cli.Output, file, errors);
        return false;
    }

    /// <summary>Built-in calendars plus the custom ones found in the folders; a broken calendar file is reported like a broken task.</summary>
    private static async Task<(ICalendarCatalog Catalog, bool Valid)> LoadCalendarsAsync(IEnumerable<string> folders, CliContext cli)
    {
        var (calendars, valid) = await CalendarFiles.LoadAsync(folders, cli.Output);
        return (new CalendarCatalog(calendars.Select(c => c.Name)), valid);
    }
}
