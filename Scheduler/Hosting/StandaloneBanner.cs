using EasyTask.Agent.Messaging;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Hosting;

/// <summary>What <c>easytask standalone</c> prints once it runs: where everything is.</summary>
internal static class StandaloneBanner
{
    public static async Task WriteAsync(TextWriter output, WebApplication app)
    {
        var configuration = app.Configuration;
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        var names = app.Services.GetRequiredService<AgentNames>();
        string Full(string? path) => path is null ? "-" : Path.GetFullPath(path);
        var url = app.Urls.FirstOrDefault() ?? DefaultUrl;
        var self = SelfCommand.Get();
        var server = string.Equals(url.TrimEnd('/'), DefaultUrl, StringComparison.OrdinalIgnoreCase) ? "" : $" --server {url}";
        await output.WriteLineAsync($"""

            EasyTask standalone is running in this terminal; use a second terminal for the commands below.
              API:             {url}   (try: {self} task list{server})
              Database:        {database.Describe()}{(database.Provider == DatabaseProvider.Sqlite ? $"  ({Full(database.ConnectionString)})" : "")}
              Watched folder:  {Full(configuration[ConfigurationAliases.WatchFolderKey])}   (drop task JSON here; calendars in its calendars/)
              Agent:           {string.Join(", ", names.All)}   (output files in {Full(configuration["EasyTask:Agent:LogDirectory"])})
              Log file:        {LogFile(configuration[SerilogSetup.FileKey], app.Services.GetRequiredService<TimeProvider>())}
              Admin token:     {Full(configuration["EasyTask:Auth:AdminTokenFile"])}   (the CLI uses it from this folder; console: {Security.AdminTokenLink.For(url, configuration["EasyTask:Auth:AdminTokenFile"])})
            Press Ctrl+C to stop; running tasks are finished or terminated and recorded first.

            """);
    }

    private const string DefaultUrl = SchedulerHost.DefaultUrl;

    /// <summary>The file Serilog writes today: its daily rolling puts the date before the extension (easytask20261205.log).</summary>
    private static string LogFile(string? configured, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return "none (console only)";
        }

        var full = Path.GetFullPath(configured);
        var today = $"{Path.GetFileNameWithoutExtension(full)}{time.GetLocalNow():yyyyMMdd}{Path.GetExtension(full)}";
        return $"{Path.Combine(Path.GetDirectoryName(full) ?? "", today)}   (a new file each day)";
    }
}
