namespace EasyTask.Scheduler.Security;

/// <summary>Endpoint metadata naming the permission a route needs; see <see cref="PermissionEndpointExtensions.RequirePermission{TBuilder}"/>.</summary>
internal sealed record PermissionMetadata(string Permission);
