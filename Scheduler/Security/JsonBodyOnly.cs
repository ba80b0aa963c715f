using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace EasyTask.Scheduler.Security;

/// <summary>
/// A request with a body must say <c>application/json</c> (or <c>+json</c>): 415 otherwise. A browser cannot send
/// that cross-site without a CORS preflight, which nothing answers, so a page open in an operator's browser cannot
/// drive the API. Forms are accepted only by endpoints that declare them and validate an antiforgery token.
/// </summary>
internal sealed class JsonBodyOnly(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HasBody(context.Request) && !IsJson(context.Request.ContentType) && !AcceptsAsForm(context))
        {
            await Results.Problem(
                title: "Unsupported media type",
                detail: $"request bodies must be JSON: send Content-Type: application/json (got \"{context.Request.ContentType ?? "none"}\")",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // A body over the size limit (or cut short) is the client's mistake: answered here, so it is not logged as an unhandled error.
            await Results.Problem(title: "Bad request body", detail: ex.Message, statusCode: ex.StatusCode).ExecuteAsync(context);
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static bool AcceptsAsForm(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        return context.Request.HasFormContentType
            && endpoint?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true }
            && endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(t => t.Contains("form", StringComparison.OrdinalIgnoreCase)));
    }
}
