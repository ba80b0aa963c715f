namespace EasyTask.Scheduler.Storage;

/// <summary>What a readiness probe found; <paramref name="Description"/> names the database with passwords blanked.</summary>
internal sealed record DatabaseHealthResult(bool IsHealthy, string Description);
