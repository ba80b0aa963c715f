using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace EasyTask.Scheduler.Web;

/// <summary>
/// Serves the web console at <c>/</c>: static HTML and ES modules embedded in the binary, every page path
/// answered with the shell (<c>index.html</c>), which routes in the browser. Sign-in is the security
/// feature's <c>/login</c>; like the API, the pages and assets need a signed-in caller.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>The console's page paths; each returns the shell.</summary>
    private static readonly string[] Pages =
        ["/", "/task-runs", "/task-runs/{runId}", "/tasks", "/tasks/{name}", "/agents", "/failed", "/monitoring", "/adhoc"];

    /// <summary>Maps the console, its assets and the endpoints only it needs (paged runs, log pages, adhoc).</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new ManifestEmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Web/wwwroot");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        foreach (var page in Pages)
        {
            app.MapGet(page, () => Results.Stream(files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8")).ExcludeFromDescription();
        }

        app.MapConsoleApi();
        return app;
    }
}
