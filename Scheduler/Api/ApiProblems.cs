using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Api;

/// <summary>Problem-details answers (RFC 9457) shared by the API's endpoints.</summary>
internal static class ApiProblems
{
    public static IResult Invalid(IEnumerable<FieldError> errors, string title = "The task definition is invalid") =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: title);

    public static IResult Invalid(string field, string message, string title = "The request is invalid") =>
        Invalid([new FieldError(field, message)], title);

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
