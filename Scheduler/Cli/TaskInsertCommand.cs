using System.CommandLine;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask task insert FILE</c> and <c>easytask task update FILE</c>: validate locally, then send to the
/// server, printing the confirmations the product documentation shows.
/// </summary>
internal static class TaskInsertCommand
{
    public static Command Create(bool update)
    {
        var file = new Argument<string>("FILE") { Description = "A task definition JSON file (one object, or an array of them)" };
        var server = CliOptions.Server();
        var command = update
            ? new Command("update", "Replace existing task definitions (matched by name) from a JSON file") { file, server }
            : new Command("insert", "Validate a task definition file and insert it into the scheduler") { file, server };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var path = parse.GetValue(file)!;
            var text = DefinitionFiles.Read(path);
            var outcomes = TaskDefinitionValidator.CheckMany(text, AnyCalendarCatalog.Instance);
            var errors = outcomes.SelectMany(o => o.Errors).ToList();
            if (errors.Count > 0)
            {
                await DefinitionFiles.WriteErrorsAsync(cli.Error, path, errors);
                return ExitCodes.InvalidInput;
            }

            await cli.Output.WriteLineAsync("Task validation completed");
            var client = SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(path));
            var items = DefinitionFiles.Items(text);
            foreach (var (definition, i) in outcomes.Select((o, i) => (o.Value!, i)))
            {
                // An update sends the file's own text, so the server can tell "active" left out (the operator's
                // setting stays) from "active" stated (the file wins).
                var json = update && i < items.Count ? items[i] : TaskDefinitionJson.Serialize(definition);
                var exit = await SendAsync(client, definition, json, update, path, cli, ct);
                if (exit != ExitCodes.Ok)
                {
                    return exit;
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> SendAsync(SchedulerClient client, TaskDefinition definition, string json, bool update, string path, CliContext cli, CancellationToken ct)
    {
        try
        {
            var stored = update ? await client.UpdateTaskAsync(definition.Name, json, ct) : await client.InsertTaskAsync(json, ct);
            var verb = update ? "updated" : "inserted";
            await cli.Output.WriteLineAsync($"Task {verb} successfully: tid {stored.Tid}, name {stored.Name} (version {stored.Version})");
            if (update && !stored.Active && definition.Active)
            {
                await cli.Output.WriteLineAsync($"Note: {stored.Name} stays inactive as an operator set it (the file does not say \"active\"); activate it with: easytask task activate {stored.Name}");
            }

            foreach (var warning in stored.Warnings ?? [])
            {
                await cli.Error.WriteLineAsync($"warning: {warning}");
            }
            return ExitCodes.Ok;
        }
        catch (ServerValidationException ex)
        {
            await DefinitionFiles.WriteErrorsAsync(cli.Error, path, ex.Errors);
            return ExitCodes.InvalidInput;
        }
    }
}
