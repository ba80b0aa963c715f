using System.CommandLine;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask adhoc --host H [--owner U] [--max-run-time S] -- CMD</c>: run a one-off command on an agent now (flagged ADHOC).</summary>
internal static class AdhocCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Agent to run on", Required = true };
        var owner = new Option<string?>("--owner") { Description = "OS user to run as (must be on the agent's allowlist; default: the agent's own user)" };
        var maxRunTime = new Option<int>("--max-run-time") { Description = "Seconds before the whole process tree is killed (0 = no limit)", DefaultValueFactory = _ => 0 };
        var cmd = new Argument<string[]>("CMD") { Description = "The shell command line, after --", Arity = ArgumentArity.OneOrMore };
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("adhoc", "Run a one-off command on an agent now; the run is flagged ADHOC. Example: easytask adhoc --host web-01 -- df -h")
        {
            host, owner, maxRunTime, cmd, server, json,
        };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var body = JsonSerializer.Serialize(
                new AdhocRequest(string.Join(' ', parse.GetValue(cmd)!), parse.GetValue(host), parse.GetValue(owner), parse.GetValue(maxRunTime)), ApiJson.Options);
            var run = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).AdhocAsync(body, ct);
            await cli.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(run, ApiJson.Options)
                : $"Adhoc run {run.RunId} started: {run.Status} on host {run.Host}. Follow it with: easytask run show {run.RunId}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
