using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace EasyTask.Scheduler.Security;

/// <summary>A 403 says which permission is missing (RFC 9457 problem); everything else goes to the standard handler.</summary>
internal sealed class ForbiddenProblemHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
            await Results.Problem(
                title: "Forbidden",
                detail: reasons.Count > 0 ? string.Join("; ", reasons) : "your role does not allow this",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}
