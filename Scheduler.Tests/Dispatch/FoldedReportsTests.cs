using EasyTask.Contracts.Messages;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Dispatch;

namespace EasyTask.Scheduler.Tests.Dispatch;

/// <summary>A result an agent sent with its earlier reports folded in stands for each of them, in lifecycle order.</summary>
internal sealed class FoldedReportsTests
{
    private static readonly DateTimeOffset Accepted = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Started = Accepted.AddMilliseconds(3);

    [Test]
    public void Unfold_GivesAcceptedStartedFinished_WhenTheResultCarriesAStartThatCarriesTheAcceptance()
    {
        var reports = FoldedReports.Unfold(Finished(Start("run-1"))).ToList();

        Assert.That(reports.Select(r => r.GetType().Name), Is.EqualTo(new[] { nameof(RunAccepted), nameof(RunStarted), nameof(RunFinished) }));
        Assert.That(((RunAccepted)reports[0]).At, Is.EqualTo(Accepted));
        Assert.That(((RunStarted)reports[1]).At, Is.EqualTo(Started));
        Assert.That(((RunStarted)reports[1]).ProcessId, Is.EqualTo(77));
        Assert.That(((RunFinished)reports[2]).Start, Is.Null, "what is unfolded is not unfolded again downstream");
    }

    [Test]
    public void Unfold_DropsTheFoldedStart_WhenItIsAboutAnotherRun()
    {
        var reports = FoldedReports.Unfold(Finished(Start("someone-elses-run"))).ToList();

        Assert.That(reports.Select(r => r.GetType().Name), Is.EqualTo(new[] { nameof(RunFinished) }));
    }

    [Test]
    public void Unfold_GivesTheReportAlone_WhenNothingWasFolded()
    {
        var plain = Start("run-1") with { AcceptedAt = null };

        Assert.That(FoldedReports.Unfold(plain), Is.EqualTo(new object[] { plain }));
    }

    private static RunStarted Start(string runId) => new() { RunId = runId, Attempt = 1, Host = "agent1", ProcessId = 77, At = Started, AcceptedAt = Accepted };

    private static RunFinished Finished(RunStarted start) => new()
    {
        RunId = "run-1", Attempt = 1, Host = "agent1", Status = "SUCCESS", Reason = RunReason.ExitCode, ReturnCode = 0, StartedAt = Started, FinishedAt = Started.AddMilliseconds(4), Start = start,
    };
}
