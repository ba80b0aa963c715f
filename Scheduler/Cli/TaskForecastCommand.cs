using System.CommandLine;
using System.Text.Json;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask task forecast NAME|FILE</c>: when a task will run. A FILE is forecast offline (built-in calendars
/// plus those in <c>--calendars</c>); a NAME is forecast by the server from what it stores.
/// </summary>
internal static partial class TaskForecastCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("NAME|FILE") { Description = "A task on the scheduler, or a definition file to forecast offline" };
        var from = new Option<string?>("--from")
        {
            Description = "Start of the window, ISO 8601: 2026-11-23T13:00:00Z, or without offset (2026-11-23, 2026-11-23T08:00) read in the task's time zone (default: now)",
        };
        var days = new Option<string?>("--days") { Description = $"Length of the window in the task's local days, 1 to {ForecastRequest.MaxDays} (default {ForecastRequest.DefaultDays})" };
        var calendars = new Option<string[]>("--calendars")
        {
            Description = "Folder of custom calendar JSON files a FILE's definitions may name (offline only)",
            AllowMultipleArgumentsPerToken = true,
        };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("forecast", "List when a task will run in a window, and the days its calendar skips: a FILE offline, a NAME from the scheduler")
        {
            target,
            from,
            days,
            calendars,
            server,
            json,
        };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var errors = ForecastRequest.TryParse(parse.GetValue(from), parse.GetValue(days), out var request);
            if (errors.Count > 0)
            {
                await WriteOptionErrorsAsync(cli.Error, errors);
                return ExitCodes.InvalidInput;
            }

            var given = parse.GetValue(target)!;
            var asJson = parse.GetValue(json);
            var now = TimeProvider.System.GetUtcNow();
            if (File.Exists(given))
            {
                return await ForecastFileAsync(given, parse.GetValue(calendars) ?? [], request, now, asJson, cli);
            }

            if (given.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || given.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || given.Contains('/', StringComparison.Ordinal))
            {
                throw new CliException($"{given}: no such file (a task NAME has no '/' and no .json ending)", ExitCodes.InvalidInput);
            }

            var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null));
            return await ForecastStoredAsync(client, given, request, now, asJson, cli, ct);
        });
        return command;
    }

    /// <summary>Prints the result: a JSON array of runs, or the text form.</summary>
    private static async Task WriteAsync(Forecast forecast, bool onHold, bool asJson, CliContext cli)
    {
        if (!asJson)
        {
            await ForecastText.WriteAsync(cli.Output, forecast, onHold);
            return;
        }

        if (onHold || !forecast.Definition.Active)
        {
            await cli.Error.WriteLineAsync($"note: {forecast.Definition.Name} is {(onHold ? "on hold" : "inactive (IDLE)")}: it will not be triggered at these times until {(onHold ? "released" : "activated")}");
        }

        if (!forecast.HasTimes)
        {
            await cli.Error.WriteLineAsync($"note: {forecast.Definition.Name} has neither trigger_times nor cron: nothing to forecast");
        }

        await cli.Output.WriteLineAsync(JsonSerializer.Serialize(forecast.Occurrences.Select(ForecastOccurrence.From), ApiJson.Options));
    }

    /// <summary>Problems with the window, named by the option the user typed.</summary>
    private static async Task WriteOptionErrorsAsync(TextWriter error, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            await error.WriteLineAsync($"error: --{e.Field}: {e.Message}");
        }
    }
}
