using EasyTask.Scheduler.Monitoring;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EasyTask.Scheduler.Tests.Monitoring;

[TestFixture]
internal sealed class CircuitBreakersTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private CircuitBreakers NewBreakers() => new(Options.Create(new BreakerOptions()), clock);

    [Test]
    public void RecordFailure_OpensTheBreakerOnTheFifth_WhenFailuresAreConsecutive()
    {
        var breakers = NewBreakers();

        var opened = Enumerable.Range(0, 5).Select(_ => breakers.RecordFailure("batch-01")).ToList();

        Assert.That(opened, Is.EqualTo(new[] { false, false, false, false, true }));
        Assert.That(breakers.Blocked("batch-01", "run-1"), Does.Contain("circuit breaker for host batch-01 is open"));
        Assert.That(breakers.Blocked("other-host", "run-1"), Is.Null);
        Assert.That(breakers.Open().Single().State, Is.EqualTo("open"));
    }

    [Test]
    public void RecordSuccess_StartsTheCountAgain_WhenHostRanSomethingInBetween()
    {
        var breakers = NewBreakers();
        Enumerable.Range(0, 4).ToList().ForEach(_ => breakers.RecordFailure("batch-01"));

        breakers.RecordSuccess("batch-01");

        Assert.That(breakers.RecordFailure("batch-01"), Is.False);
        Assert.That(breakers.Blocked("batch-01", "run-1"), Is.Null);
    }

    [Test]
    public void Blocked_LetsOneRunProbe_AfterTheCoolDown()
    {
        var breakers = NewBreakers();
        Enumerable.Range(0, 5).ToList().ForEach(_ => breakers.RecordFailure("batch-01"));

        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.That(breakers.Blocked("batch-01", "probe"), Is.Null);
        Assert.That(breakers.Blocked("batch-01", "other"), Does.Contain("half-open"));
        Assert.That(breakers.Open().Single().State, Is.EqualTo("half_open"));
    }

    [Test]
    public void RecordFailure_OpensAgain_WhenTheProbeFailsAtHostLevel()
    {
        var breakers = NewBreakers();
        Enumerable.Range(0, 5).ToList().ForEach(_ => breakers.RecordFailure("batch-01"));
        clock.Advance(TimeSpan.FromSeconds(61));
        breakers.Blocked("batch-01", "probe");

        var reopened = breakers.RecordFailure("batch-01");

        Assert.That(reopened, Is.True);
        Assert.That(breakers.Blocked("batch-01", "probe"), Does.Contain("is open"));
    }

    [Test]
    public void RecordSuccess_ClosesTheBreaker_WhenTheProbeRan()
    {
        var breakers = NewBreakers();
        Enumerable.Range(0, 5).ToList().ForEach(_ => breakers.RecordFailure("batch-01"));
        clock.Advance(TimeSpan.FromSeconds(61));
        breakers.Blocked("batch-01", "probe");

        breakers.RecordSuccess("batch-01");

        Assert.That(breakers.Open(), Is.Empty);
        Assert.That(breakers.Blocked("batch-01", "other"), Is.Null);
    }
}
