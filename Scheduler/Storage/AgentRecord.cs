namespace EasyTask.Scheduler.Storage;

/// <summary>An agent as last heard from: its heartbeat, capacity and load.</summary>
internal sealed record AgentRecord(string Name, string Version, int Capacity, int Running, DateTimeOffset LastHeartbeat, DateTimeOffset StartedAt);
