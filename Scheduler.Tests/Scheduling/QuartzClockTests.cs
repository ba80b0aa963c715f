using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Scheduling;

internal sealed class QuartzClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Disarm_LeavesOtherTasksOfTheSameInstantArmed()
    {
        await using var engine = await EngineHarness.StartAsync(Now);
        var at = new Occurrence(Now.AddMinutes(5), Now.AddMinutes(5));
        await engine.Clock.ArmAsync([(1, at), (2, at)], CancellationToken.None);

        await engine.Clock.DisarmAsync(1, CancellationToken.None);

        Assert.That(await engine.Clock.ArmedForAsync(1, CancellationToken.None), Is.Null);
        Assert.That(await engine.Clock.ArmedForAsync(2, CancellationToken.None), Is.EqualTo(at.Utc));
    }

    [Test]
    public async Task Arm_MovesTaskToItsNewInstant_WhenArmedAgain()
    {
        await using var engine = await EngineHarness.StartAsync(Now);
        await engine.Clock.ArmAsync([(1, new Occurrence(Now.AddMinutes(5), Now.AddMinutes(5)))], CancellationToken.None);

        await engine.Clock.ArmAsync([(1, new Occurrence(Now.AddMinutes(9), Now.AddMinutes(9)))], CancellationToken.None);

        Assert.That(await engine.Clock.ArmedForAsync(1, CancellationToken.None), Is.EqualTo(Now.AddMinutes(9)));
    }
}
