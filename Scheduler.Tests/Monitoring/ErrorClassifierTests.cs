using EasyTask.Contracts.Definitions;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Monitoring;
using EasyTask.Scheduler.Runs;

namespace EasyTask.Scheduler.Tests.Monitoring;

[TestFixture]
internal sealed class ErrorClassifierTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [TestCase(126)]
    [TestCase(127)]
    public void Classify_IsPermanent_WhenCommandCannotBeFoundOrExecuted(int returnCode)
    {
        var verdict = ErrorClassifier.Classify(Failed(RunReason.ExitCode, returnCode), null);

        Assert.That((verdict!.Name, verdict.IsRetryable), Is.EqualTo(("permanent", false)));
    }

    [TestCase(NotStartedCause.OwnerNotAllowed, "task_owner", false)]
    [TestCase(NotStartedCause.OutputPathRefused, "output path", false)]
    [TestCase(NotStartedCause.WorkingDirMissing, "working_dir", true)]
    [TestCase(NotStartedCause.OutputUnavailable, "output file", true)]
    public void Classify_IsPermanent_WhenAgentCouldNotStartTheCommandForGood(string cause, string named, bool hostLevel)
    {
        var verdict = ErrorClassifier.Classify(Failed(RunReason.DispatchFailed, null, "words that say something else", cause), null);

        Assert.That((verdict!.Name, verdict.HostLevel), Is.EqualTo(("permanent", hostLevel)));
        Assert.That(verdict.Why, Does.Contain(named));
    }

    [Test]
    public void Classify_IsRetryableAndHostLevel_WhenShellCouldNotBeSpawnedOrAgentWasLost()
    {
        var spawn = ErrorClassifier.Classify(Failed(RunReason.DispatchFailed, null, "no such file", NotStartedCause.SpawnFailed), null);
        var lost = ErrorClassifier.Classify(Failed(RunReason.AgentLost, null), null);

        Assert.That((spawn!.IsRetryable, spawn.HostLevel, lost!.IsRetryable, lost.HostLevel), Is.EqualTo((true, true, true, true)));
    }

    [Test]
    public void Classify_IgnoresTheDetailsWords_WhenNoCauseIsGiven()
    {
        var verdict = ErrorClassifier.Classify(Failed(RunReason.DispatchFailed, null, "task_owner 'root' is not allowed; working_dir missing"), null);

        Assert.That((verdict!.Name, verdict.HostLevel), Is.EqualTo(("retryable", false)));
    }

    [Test]
    public void Classify_IsRetryableButNotHostLevel_WhenCommandExitedNonZeroOrTimedOut()
    {
        var exit = ErrorClassifier.Classify(Failed(RunReason.ExitCode, 1), null);
        var timeout = ErrorClassifier.Classify(new AttemptResult(RunStatus.Terminated, RunReason.TimedOut, 143, At, At, null), null);

        Assert.That((exit!.IsRetryable, exit.HostLevel, timeout!.IsRetryable), Is.EqualTo((true, false, true)));
    }

    [TestCase(75, "retryable")]
    [TestCase(1, "permanent")]
    public void Classify_RetriesOnlyListedExits_WhenRetryOnExitCodesIsSet(int returnCode, string expected)
    {
        var definition = new TaskDefinition { RetryOnExitCodes = [75, 111] };

        Assert.That(ErrorClassifier.Classify(Failed(RunReason.ExitCode, returnCode), definition)!.Name, Is.EqualTo(expected));
    }

    [Test]
    public void Classify_ReturnsNull_WhenAttemptSucceeded() =>
        Assert.That(ErrorClassifier.Classify(new AttemptResult(RunStatus.Success, RunReason.ExitCode, 0, At, At, null), null), Is.Null);

    private static AttemptResult Failed(string reason, int? returnCode, string? detail = null, string? cause = null) =>
        new(RunStatus.Failed, reason, returnCode, At, At, detail, cause);
}
