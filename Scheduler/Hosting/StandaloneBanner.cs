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
        await output.WriteLineAsync($"""

            EasyTask standalone is running.
              API:             {url}   (try: easytask task list)
              Database:        {database.Describe()}{(database.Provider == DatabaseProvider.Sqlite ? $"  ({Full(database.ConnectionString)})" : "")}
              Watched folder:  {Full(configuration[ConfigurationAliases.WatchFolderKey])}   (drop task JSON here; calendars in its calendars/)
              Agent:           {string.Join(", ", names.All)}   (output files in {Full(configuration["EasyTask:Agent:LogDirectory"])})
              Log file:        {Full(configuration[SerilogSetup.FileKey])}
              Admin token:     {Full(configuration["EasyTask:Auth:AdminTokenFile"])}   (the CLI uses it from this folder; console: {Security.AdminTokenLink.For(url, configuration["EasyTask:Auth:AdminTokenFile"])})
            Press Ctrl+C to stop; running tasks are finished or terminated and recorded first.

            """);
    }

    private const string DefaultUrl = SchedulerHost.DefaultUrl;
}
