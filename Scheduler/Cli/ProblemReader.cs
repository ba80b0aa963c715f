using System.Net;
using System.Text.Json;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>Turns an API error answer (problem details) into the exception the CLI prints.</summary>
internal static class ProblemReader
{
    public static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (response.StatusCode == HttpStatusCode.BadRequest && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var fieldErrors = errors.EnumerateObject()
                    .SelectMany(field => field.Value.EnumerateArray().Select(message => new FieldError(field.Name, message.GetString() ?? "")))
                    .ToList();
                return new ServerValidationException(fieldErrors);
            }

            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            return new CliException($"the server refused ({status}): {detail ?? title ?? body}", ExitCodes.ServerRefused);
        }
        catch (JsonException)
        {
            return new CliException($"the server refused ({status}): {(body.Length > 0 ? body : "no details")}", ExitCodes.ServerRefused);
        }
    }
}
