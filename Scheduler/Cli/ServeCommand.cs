using System.CommandLine;
using EasyTask.Scheduler.Hosting;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask serve</c>: the scheduler service (HTTP API on --urls, state in --db). Runs until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Listen address(es), ';'-separated (default {SchedulerHost.DefaultUrl})" };
        var db = new Option<string?>("--db") { Description = "Database: sqlite:<path> | postgres:<connection string> | sqlserver:<connection string> (env EASYTASK_DB, default sqlite:./data/easytask.db)" };
        var noMigrate = new Option<bool>("--no-migrate") { Description = "Do not apply pending schema scripts at start-up (run `easytask db migrate` yourself)" };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Turn API authentication off, even when listening beyond this machine (a warning is logged at every start)" };
        var command = new Command("serve", "Run the scheduler service: the HTTP API and the scheduling engine, until stopped (Ctrl+C / SIGTERM)")
        {
            urls,
            db,
            noMigrate,
            insecure,
        };

        // Anything else (e.g. --Serilog:MinimumLevel:Default=Debug) is standard .NET configuration for the host.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var hostArgs = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(urls) is { Length: > 0 } listen)
            {
                hostArgs.Add($"--urls={listen}");
            }

            if (parse.GetValue(db) is { Length: > 0 } database)
            {
                hostArgs.Add($"--{ConfigurationAliases.DatabaseKey}={database}");
            }

            if (parse.GetValue(noMigrate))
            {
                hostArgs.Add($"--{SchedulerHost.MigrateOnStartKey}=false");
            }

            if (parse.GetValue(insecure))
            {
                hostArgs.Add("--EasyTask:Auth:Enabled=false");
                hostArgs.Add("--EasyTask:Auth:InsecureNoAuth=true");
            }

            return await SchedulerHost.RunAsync([.. hostArgs], cli, ct);
        });
        return command;
    }
}
