namespace EasyTask.Scheduler.Tests.Messaging;

/// <summary>A stand-in command for the broker tests, shaped like the real ones: plain data carrying the run id.</summary>
internal sealed record PingAgent(Guid RunId, string Text);
