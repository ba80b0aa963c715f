using Microsoft.AspNetCore.Authorization;

namespace EasyTask.Scheduler.Security;

/// <summary>Checks <see cref="EndpointPermissionRequirement"/> against the caller's role; the failure names the missing permission.</summary>
internal sealed class EndpointPermissionHandler : AuthorizationHandler<EndpointPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EndpointPermissionRequirement requirement)
    {
        if (context.Resource is not HttpContext http || context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var permission = EndpointPermissions.For(http.GetEndpoint(), http.Request.Method);
        if (EasyTaskClaims.Has(context.User, permission))
        {
            context.Succeed(requirement);
        }
        else
        {
            var roles = EasyTaskClaims.RolesOf(context.User).ToList();
            context.Fail(new AuthorizationFailureReason(this,
                $"this needs the \"{permission}\" permission ({RolesWith(permission)}); {EasyTaskClaims.WhoIs(context.User)} has role {(roles.Count == 0 ? "none" : string.Join(", ", roles))}"));
        }

        return Task.CompletedTask;
    }

    private static string RolesWith(string permission) =>
        "role " + string.Join(" or ", Roles.All.Where(r => Roles.PermissionsOf(r).Contains(permission)));
}
