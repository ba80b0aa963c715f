using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask audit [--since 24h] [--who NAME] [--target PATH]</c>: the audit trail, newest first (admin).</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only entries since a time (2026-11-22T08:00Z) or a duration back (24h, 7d)" };
        var who = new Option<string?>("--who") { Description = "Only entries by this token name or OIDC subject" };
        var target = new Option<string?>("--target") { Description = "Only entries on this target (e.g. /api/v1/tasks/nightly)" };
        var (server, json) = (CliOptions.Server(), CliOptions.Json());
        var command = new Command("audit", "Show the audit trail: who changed what, when, from where") { since, who, target, server, json };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var entries = await SchedulerClient.Create(parse.GetValue(server)!, DefinitionFiles.SourceFor(null))
                .AuditAsync(parse.GetValue(since), parse.GetValue(who), parse.GetValue(target), ct);
            if (parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(entries, Api.ApiJson.Options));
                return ExitCodes.Ok;
            }

            foreach (var e in entries)
            {
                var versions = e.BeforeVersion is null && e.AfterVersion is null ? "" : $"  v{e.BeforeVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}->v{e.AfterVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
                await cli.Output.WriteLineAsync($"{e.At:u}  {e.Outcome}  {e.Who} from {e.Source}  {e.Action}  {e.Target}{versions}{(e.Detail is null ? "" : "  " + e.Detail)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
