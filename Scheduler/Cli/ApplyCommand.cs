using System.CommandLine;
using EasyTask.Scheduler.Definitions.Apply;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask apply DIR [--plan] [--prune]</c>: makes the server's tasks and calendars what the folder says, in one
/// transaction, and prints per task and calendar what it does. <c>--plan</c> changes nothing and exits 3 when
/// something would change (0 when nothing would), so CI can gate on it.
/// </summary>
internal static class ApplyCommand
{
    /// <summary>Exit code of <c>--plan</c> when applying would change something.</summary>
    public const int ChangesPending = 3;

    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Folder of task files (*.json) with calendars in DIR/calendars/" };
        var plan = new Option<bool>("--plan") { Description = "Only show what would change; exit 0 when nothing would, 3 when something would" };
        var prune = new Option<bool>("--prune") { Description = "Also delete tasks and calendars the folder does not have" };
        var server = CliOptions.Server();
        var command = new Command("apply", "Make the server's tasks and calendars match a folder: create, update, delete (with --prune), all or nothing")
        {
            folder,
            plan,
            prune,
            server,
        };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var request = DefinitionFolder.Read(parse.GetValue(folder)!);
            var planOnly = parse.GetValue(plan);
            ApplyResult result;
            try
            {
                result = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ApplyAsync(request, planOnly, parse.GetValue(prune), ct);
            }
            catch (ServerValidationException ex)
            {
                foreach (var error in ex.Errors)
                {
                    await cli.Error.WriteLineAsync($"{error.Field}: {error.Message}");
                }

                await cli.Error.WriteLineAsync("Nothing was applied.");
                return ExitCodes.InvalidInput;
            }

            await PrintAsync(cli.Output, result);
            if (planOnly)
            {
                await cli.Output.WriteLineAsync(result.Changed ? "Plan: changes pending (run without --plan to apply them)." : "Plan: nothing to change.");
                return result.Changed ? ChangesPending : ExitCodes.Ok;
            }

            await cli.Output.WriteLineAsync(result.Applied ? $"Applied, in one transaction; source: {result.Source}" : "Nothing to change.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, ApplyResult result)
    {
        foreach (var change in result.Changes)
        {
            await output.WriteLineAsync($"{change.Action,-9} {change.Kind} {change.Name}");
            foreach (var field in change.Fields)
            {
                await output.WriteLineAsync($"            {field.Field}: {field.From ?? "(not set)"} -> {field.To ?? "(not set)"}");
            }
        }
    }
}
