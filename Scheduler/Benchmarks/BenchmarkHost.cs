using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Benchmarks;

/// <summary>The scheduler's services without HTTP, over a throwaway SQLite file, with a dispatcher that only counts.</summary>
internal static class BenchmarkHost
{
    public static IHost Build(string databaseFile, CountingDispatcher dispatcher)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(DatabaseOptions.Parse($"sqlite:{databaseFile}"));
        builder.Services.AddSingleton<IRunDispatcher>(dispatcher);
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddRunLifecycle(builder.Configuration);
        return builder.Build();
    }
}
