namespace EasyTask.Scheduler.Security;

/// <summary>Names the permission an endpoint (or group) needs, where the convention in <see cref="EndpointPermissions"/> would guess wrong.</summary>
internal static class PermissionEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionMetadata(permission));
}
