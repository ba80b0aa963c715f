using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary>The <c>easytask</c> command line: service verbs and operator verbs in one executable.</summary>
internal static class CliApplication
{
    public static RootCommand BuildRoot() => new("EasyTask — an enterprise job scheduler. Run `easytask VERB --help` for each verb.")
    {
        CliOptions.Utc(),
        CliOptions.Token(),
        TokenCommand.Create(),
        AuditCommand.Create(),
        StandaloneCommand.Create(),
        ServeCommand.Create(),
        TaskCommand.Create(),
        GroupCommand.Create(),
        CalendarCommand.Create(),
        RunsCommand.Create(),
        RunCommand.Create(),
        AdhocCommand.Create(),
        AgentsCommand.Create(),
        AlertsCommand.Create(),
        StatusCommand.Create(),
        ClusterCommand.Create(),
        DbCommand.Create(),
        BenchCommand.Create(),
        ApplyCommand.Create(),
        ExportCommand.Create(),
    };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
}
