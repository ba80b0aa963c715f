using System.CommandLine;
using EasyTask.Scheduler.Hosting;

namespace EasyTask.Scheduler.Cli;

/// <summary>
/// <c>easytask standalone</c>: everything in one process on embedded defaults — scheduler, an in-process agent
/// named after the machine (and <c>localhost</c>), SQLite under ./data, the in-memory bus, the API on
/// 127.0.0.1:5080 and the watched folder ./tasks. Nothing else to install.
/// </summary>
internal static class StandaloneCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Listen address(es) (default {SchedulerHost.DefaultUrl})" };
        var tasks = new Option<string>("--tasks") { Description = "Watched folder for task files", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EASYTASK_TASKS_DIR") is { Length: > 0 } dir ? dir : "./tasks" };
        var data = new Option<string>("--data") { Description = "Folder for the database, agent output and journal", DefaultValueFactory = _ => "./data" };
        var command = new Command("standalone", "Run everything in one process on embedded defaults: scheduler, in-process agent, SQLite, in-memory bus, API, watched folder") { urls, tasks, data };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var dataDir = parse.GetValue(data)!;
            var hostArgs = new List<string>
            {
                $"--{SchedulerHost.StandaloneKey}=true",
                $"--{ConfigurationAliases.WatchFolderKey}={parse.GetValue(tasks)}",
                $"--EasyTask:Agent:LogDirectory={Path.Combine(dataDir, "agent-logs")}",
                $"--EasyTask:Agent:JournalDirectory={Path.Combine(dataDir, "agent-journal")}",
                $"--EasyTask:Auth:AdminTokenFile={Path.Combine(dataDir, "admin.token")}",
            };
            // EASYTASK_BUS, when set, puts standalone on that broker (e.g. RabbitMQ, so agents on other hosts can join).
            if (Environment.GetEnvironmentVariable("EASYTASK_BUS") is not { Length: > 0 })
            {
                hostArgs.Add($"--{ConfigurationAliases.BusKey}=inmemory");
            }

            if (Environment.GetEnvironmentVariable("EASYTASK_DB") is not { Length: > 0 })
            {
                hostArgs.Add($"--{ConfigurationAliases.DatabaseKey}=sqlite:{Path.Combine(dataDir, "easytask.db")}");
            }

            if (Environment.GetEnvironmentVariable("EASYTASK_LOG_FILE") is not { Length: > 0 })
            {
                hostArgs.Add($"--{SerilogSetup.FileKey}={Path.Combine(dataDir, "logs", "easytask.log")}");
            }

            if (parse.GetValue(urls) is { Length: > 0 } listen)
            {
                hostArgs.Add($"--urls={listen}");
            }

            hostArgs.AddRange(parse.UnmatchedTokens);
            return await SchedulerHost.RunAsync([.. hostArgs], cli, ct);
        });
        return command;
    }
}
