using EasyTask.Contracts.Messages;
using EasyTask.Scheduler.Dispatch;

namespace EasyTask.Scheduler.Tests.Dispatch;

internal sealed class AgentEventBatcherTests
{
    [Test]
    public void InRunOrder_PutsEachRunsEventsInLifecycleOrder_WhenTheyArriveShuffled()
    {
        var batch = new List<PendingEvent>
        {
            new(Finished("a")),
            new(new RunStarted { RunId = "b", Attempt = 1, Host = "h" }),
            new(new RunOutput { RunId = "a", Attempt = 1, Stream = "stdout", Sequence = 1, Text = "x" }),
            new(new RunStarted { RunId = "a", Attempt = 1, Host = "h" }),
            new(new RunAccepted { RunId = "a", Attempt = 1, Host = "h" }),
            new(Finished("b")),
        };

        var ordered = AgentEventBatcher.InRunOrder(batch).Select(p => $"{RunOf(p.Message)}:{p.Message.GetType().Name}");

        Assert.That(ordered, Is.EqualTo(new[]
        {
            "a:RunAccepted", "a:RunStarted", "a:RunOutput", "a:RunFinished",
            "b:RunStarted", "b:RunFinished",
        }));
    }

    private static RunFinished Finished(string runId) => new()
    {
        RunId = runId,
        Attempt = 1,
        Host = "h",
        Status = "SUCCESS",
        Reason = "exit_code",
        FinishedAt = DateTimeOffset.UnixEpoch,
    };

    private static string RunOf(object message) => message switch
    {
        RunAccepted m => m.RunId,
        RunStarted m => m.RunId,
        RunOutput m => m.RunId,
        RunFinished m => m.RunId,
        _ => "?",
    };
}
