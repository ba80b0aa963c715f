namespace EasyTask.Scheduler.Monitoring;

/// <summary>A batch of a run's output as the live stream carries it (<c>event: output</c>).</summary>
internal sealed record LiveOutputResource(string RunId, string Task, int Attempt, string Stream, string Text);
