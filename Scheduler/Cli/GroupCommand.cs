using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EasyTask.Scheduler.Api;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask group list|hold|release|activate|deactivate|run GROUP</c>: every task of a group at once.</summary>
internal static class GroupCommand
{
    public static Command Create() => new("group", "List task groups; hold, release, activate, deactivate or run every task of a group at once")
    {
        List(),
        Action("hold", "Put every task of the group on hold (operator)"),
        Action("release", "Release every task of the group from hold (operator)"),
        Action("activate", "Make every task of the group ACTIVE (admin)"),
        Action("deactivate", "Make every task of the group IDLE (admin)"),
        Action("run", "Force-start every task of the group now, each as its own run (operator)"),
    };

    private static Command List()
    {
        var server = CliOptions.Server();
        var json = CliOptions.Json();
        var command = new Command("list", "List the groups with how many tasks are active, inactive, on hold, running and failed") { server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var groups = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null)).ListGroupsAsync(ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(groups, ApiJson.Options));
                return ExitCodes.Ok;
            }

            if (groups.Count == 0)
            {
                await cli.Output.WriteLineAsync("No groups: give tasks a \"group\" in their definitions.");
                return ExitCodes.Ok;
            }

            static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
            await TextTable.WriteAsync(cli.Output, ["GROUP", "STATE", "TASKS", "ACTIVE", "INACTIVE", "ON HOLD", "RUNNING", "FAILED"],
                groups.Select(g => new[] { g.Group, g.State, N(g.Tasks), N(g.Active), N(g.Inactive), N(g.OnHold), N(g.Running), N(g.Failed) }).ToList());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Action(string action, string description)
    {
        var group = new Argument<string>("GROUP") { Description = "Group name (the \"group\" field of the definitions)" };
        var server = CliOptions.Server();
        var command = new Command(action, description) { group, server };
        var force = new Option<bool>("--force") { Description = "Start the group's tasks that are on hold too" };
        if (action == "run")
        {
            command.Options.Add(force);
        }

        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var name = parse.GetValue(group)!;
            var done = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null))
                .GroupActionAsync(name, action, action == "run" && parse.GetValue(force), ct);
            if (done.Runs is { } runs)
            {
                await cli.Output.WriteLineAsync($"Group {done.Group}: started {runs.Count} run(s)");
                foreach (var run in runs)
                {
                    await cli.Output.WriteLineAsync($"  {run.Task}: run {run.RunId}");
                }
            }
            else
            {
                await cli.Output.WriteLineAsync($"Group {done.Group}: {Past(action)} {done.Count} task(s): {string.Join(", ", done.Tasks)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Past(string action) => action switch
    {
        "hold" => "put on hold",
        "release" => "released",
        "activate" => "activated",
        _ => "deactivated",
    };
}
