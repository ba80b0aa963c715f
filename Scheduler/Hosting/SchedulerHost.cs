using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Cli;
using EasyTask.Scheduler.Cluster;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Definitions.Watch;
using EasyTask.Scheduler.Dispatch;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Storage;
using EasyTask.Agent.Messaging;
using EasyTask.Scheduler.Web;

namespace EasyTask.Scheduler.Hosting;

/// <summary>Builds and starts the scheduler service: storage, the HTTP API, logging. Used by <c>easytask serve</c> and by tests.</summary>
internal static partial class SchedulerHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string MigrateOnStartKey = "EasyTask:MigrateOnStart";
    public const string StandaloneKey = "EasyTask:Standalone";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // Aliases rank above appsettings and environment variables; explicit command-line keys rank above them.
        builder.Configuration.AddEasyTaskAliases();
        builder.Configuration.AddCommandLine(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Under systemd: Type=notify readiness and journald-friendly console; as a Windows service: SCM lifetime. No-ops otherwise.
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();
        builder.AddEasyTaskLogging();
        var database = DatabaseOptions.Parse(builder.Configuration[ConfigurationAliases.DatabaseKey]);
        builder.Services.AddStorage(database);
        builder.Services.AddCluster(builder.Configuration, database);
        builder.Services.AddSingleton<StoredCalendarCatalog>();
        builder.Services.AddSingleton<DefinitionIntake>();
        builder.Services.AddSingleton<DefinitionChanges>();
        builder.Services.AddSingleton<Definitions.Apply.ApplyPlanner>();
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddRunLifecycle(builder.Configuration);
        builder.Services.AddWatchedFolder(builder.Configuration);
        builder.Services.AddMonitoring(builder.Configuration);
        var bus = BusSettings.Load(builder.Configuration[ConfigurationAliases.BusKey], builder.Configuration[BusSettings.FileVariable], builder.Configuration["CREDENTIALS_DIRECTORY"]);
        if (builder.Configuration.GetValue(StandaloneKey, false))
        {
            // One process: the agent's queues live on the scheduler's own bus, and it answers to localhost too.
            builder.Services.AddDispatch(builder.Configuration, bus, x => x.AddAgentConsumers(), (context, cfg) => cfg.ConfigureAgentQueues(context));
            builder.Services.AddHostedService<StandaloneDrain>();
            builder.Services.AddInProcessAgent(builder.Configuration, ["localhost"]);
        }
        else
        {
            builder.Services.AddDispatch(builder.Configuration, bus);
        }

        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.AddEasyTaskSecurity();
        builder.Services.AddConsole();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseEasyTaskSecurity();
        app.MapTaskApi();
        app.MapApplyApi();
        app.MapCalendarApi();
        app.MapForecastApi();
        app.MapRunApi();
        app.MapExplainApi();
        app.MapRunActions();
        app.MapAgentApi();
        app.MapHealth();
        app.MapMonitoring();
        app.MapClusterApi();
        app.MapConsole();
        return app;
    }

    /// <summary>Builds the service, brings the schema up to date (unless told not to) and starts listening.</summary>
    public static async Task<WebApplication> StartAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = Build(args);
        try
        {
            // Before anything touches the database: a second scheduler on the same SQLite file stops here.
            app.Services.GetRequiredService<SqliteSingleInstance>();
        }
        catch (DatabaseInUseException)
        {
            await app.DisposeAsync();
            throw;
        }

        if (app.Configuration.GetValue(MigrateOnStartKey, defaultValue: true))
        {
            var applied = await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            if (applied.Count > 0)
            {
                LogMigrated(app.Logger, string.Join(", ", applied));
            }
        }

        await AdminTokenFile.EnsureAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>Runs the service until Ctrl+C / SIGTERM; configuration mistakes end it with a message, not a stack trace.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = await StartAsync(args, cancellationToken);
        }
        catch (FormatException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (DatabaseInUseException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.ServerRefused;
        }

        await using (app)
        {
            var database = app.Services.GetRequiredService<DatabaseOptions>();
            LogServing(app.Logger, string.Join(", ", app.Urls), database.Describe());
            if (app.Configuration.GetValue(StandaloneKey, false))
            {
                await StandaloneBanner.WriteAsync(cli.Output, app);
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Ok;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema updated: applied {Scripts}")]
    private static partial void LogMigrated(ILogger logger, string scripts);

    [LoggerMessage(Level = LogLevel.Information, Message = "EasyTask scheduler serving the API on {Urls}, database {Database}")]
    private static partial void LogServing(ILogger logger, string urls, string database);
}
