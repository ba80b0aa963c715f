namespace EasyTask.Scheduler.Monitoring;

/// <summary>A batch of output a run's agent streamed, as the live stream passes it on.</summary>
internal sealed record OutputLine(string RunId, int Attempt, string Stream, string Text);
