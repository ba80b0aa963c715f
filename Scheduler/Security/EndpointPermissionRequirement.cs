using Microsoft.AspNetCore.Authorization;

namespace EasyTask.Scheduler.Security;

/// <summary>The one requirement of the default and fallback policies: the caller holds the permission the endpoint needs.</summary>
internal sealed class EndpointPermissionRequirement : IAuthorizationRequirement;
