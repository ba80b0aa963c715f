using System.Diagnostics;
using System.Text;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Definitions;
using EasyTask.Scheduler.Tests.Definitions;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>Limits on input that an attacker (or an accident) would otherwise turn into orphans, stalls or crashes.</summary>
[TestFixture]
internal sealed class InputLimitTests
{
    [Test]
    public void MaxRunTime_IsRejectedNamingTheMaximum_WhenAboveWhatTheAgentEnforces() =>
        FieldErrorAssert.Single(TaskJson.Minimal().With("max_run_time", TaskDefinitionValidator.MaxRunTimeSeconds + 1).Errors(), "max_run_time", "2592000");

    [Test]
    public void MaxRunTime_IsAccepted_AtTheMaximum() =>
        Assert.That(TaskJson.Minimal().With("max_run_time", TaskDefinitionValidator.MaxRunTimeSeconds).Errors(), Is.Empty);

    [TestCase("name", "report\n")]
    [TestCase("run_on_host", "host-1\n")]
    [TestCase("task_owner", "batch\n")]
    public void Name_IsRejected_WhenItEndsWithANewline(string field, string value) =>
        Assert.That(TaskJson.Minimal().With(field, value).Errors().Select(e => e.Field), Does.Contain(field));

    [Test]
    public void RunOnHost_FitsTheDatabaseColumn()
    {
        Assert.That(TaskJson.Minimal().With("run_on_host", new string('h', 128)).Errors(), Is.Empty);
        FieldErrorAssert.Single(TaskJson.Minimal().With("run_on_host", new string('h', 129)).Errors(), "run_on_host", "at most 128");
    }

    [Test]
    public void Calendar_OfAMillionDates_IsRejectedNamingTheLimit()
    {
        var json = new StringBuilder("""{"name": "HUGE", "dates": [""");
        var day = new DateOnly(2000, 1, 1);
        for (var i = 0; i < 1_000_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append('"').Append(day.AddDays(i % 3000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('"');
        }

        var text = json.Append("]}").ToString();
        var clock = Stopwatch.StartNew();

        var outcome = CalendarDefinitionJson.Check(text);

        TestContext.Out.WriteLine($"1,000,000-date calendar rejected in {clock.ElapsedMilliseconds} ms");
        FieldErrorAssert.Single(outcome.Errors, "dates", "at most 10000 dates");
        FieldErrorAssert.Single(CalendarDefinitionJson.Check($$"""{"name": "X", "dates": [{{string.Join(',', Enumerable.Repeat("\"2026-01-01\"", 10_001))}}]}""").Errors, "dates", "at most 10000 dates");
    }

    [Test]
    public void Calendar_OfTenThousandDistinctDates_IsAccepted()
    {
        var day = new DateOnly(2000, 1, 1);
        var dates = string.Join(',', Enumerable.Range(0, CalendarDefinitionJson.MaxDates).Select(i => $"\"{day.AddDays(i):yyyy-MM-dd}\""));

        var outcome = CalendarDefinitionJson.Check($$"""{"name": "LONG", "dates": [{{dates}}]}""");

        Assert.That(outcome.Errors, Is.Empty);
        Assert.That(outcome.Value!.Dates, Has.Count.EqualTo(CalendarDefinitionJson.MaxDates));
    }

    [Test]
    public void CycleCheck_FindsTheCycle_ThroughAChainOfAMillionTasks()
    {
        const int length = 1_000_000;
        IEnumerable<string> UpstreamOf(string name) =>
            int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) is var n && n < length ? [$"t{n + 1}"] : ["t0"];
        var candidate = new TaskDefinition { Name = "t0", DependsOn = [new TaskDependency { Task = "t1" }] };

        var cycle = DependencyCycles.Find(candidate, UpstreamOf);

        Assert.That(cycle, Has.Count.EqualTo(length + 2));
        Assert.That((cycle![0], cycle[^1]), Is.EqualTo(("t0", "t0")));
    }
}
