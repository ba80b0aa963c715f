namespace EasyTask.Scheduler.Monitoring;

/// <summary>Output batches as they arrive from agents, for live-stream clients of this scheduler.</summary>
internal sealed class OutputFeed
{
    public Subscribers<OutputLine> Clients { get; } = new();

    public void Publish(string runId, int attempt, string stream, string text)
    {
        if (Clients.Any)
        {
            Clients.Publish(new OutputLine(runId, attempt, stream, text));
        }
    }
}
