using System.CommandLine;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask calendar insert FILE</c>: validate a calendar file locally, then insert it or replace the one of the same name.</summary>
internal static class CalendarInsertCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A calendar JSON file: { \"name\", \"description\", \"dates\": [\"YYYY-MM-DD\", ...] }" };
        var server = CliOptions.Server();
        var command = new Command("insert", "Validate a calendar file and insert it into the scheduler, replacing a calendar of the same name") { file, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var path = parse.GetValue(file)!;
            var outcome = CalendarDefinitionJson.Check(DefinitionFiles.Read(path));
            if (!outcome.IsValid)
            {
                await DefinitionFiles.WriteErrorsAsync(cli.Error, path, outcome.Errors);
                return ExitCodes.InvalidInput;
            }

            await cli.Output.WriteLineAsync("Calendar validation completed");
            try
            {
                var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(path));
                var stored = await client.UpsertCalendarAsync(CalendarDefinitionJson.Serialize(outcome.Value!), ct);
                var verb = stored.Version == 1 ? "inserted" : "replaced";
                await cli.Output.WriteLineAsync($"Calendar {verb} successfully: {stored.Name}, {stored.Dates.Count} dates (version {stored.Version})");
                return ExitCodes.Ok;
            }
            catch (ServerValidationException ex)
            {
                await DefinitionFiles.WriteErrorsAsync(cli.Error, path, ex.Errors);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
