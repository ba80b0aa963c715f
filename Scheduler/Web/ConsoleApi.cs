using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Api.Groups;
using EasyTask.Scheduler.Api.Logs;

namespace EasyTask.Scheduler.Web;

/// <summary>The API endpoints the console added: paged runs, log pages and search, adhoc runs, groups.</summary>
internal static class ConsoleApi
{
    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRunPages();
        endpoints.MapLogPages();
        endpoints.MapAdhocApi();
        endpoints.MapTaskOverview();
        endpoints.MapGroupApi();
        return endpoints;
    }
}
