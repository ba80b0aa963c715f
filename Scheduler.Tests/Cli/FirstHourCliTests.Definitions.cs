using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

/// <summary>Definitions and dependencies as a newcomer meets them (issue 14).</summary>
internal sealed partial class FirstHourCliTests
{
    private const string DependsOnUp = ",\"depends_on\": [{\"task\": \"fh_up\"}]";

    [Test]
    public async Task Delete_IsRefusedNamingDependents_UnlessForced()
    {
        await Cli("task", "insert", Write("fh_up.json", SampleDefinitions.Task(1410, "fh_up")));
        await Cli("task", "insert", Write("fh_down.json", SampleDefinitions.Task(1411, "fh_down", DependsOnUp)));

        var refused = await Cli("task", "delete", "fh_up");
        var stillThere = await Cli("task", "show", "fh_up");
        var forced = await Cli("task", "delete", "fh_up", "--force");

        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("task \"fh_up\" is in depends_on of fh_down").And.Contain("--force"));
        Assert.That(stillThere.ExitCode, Is.Zero);
        Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
        Assert.That(forced.Output, Does.Contain("Task deleted successfully: fh_up"));
    }

    [Test]
    public async Task Insert_Exits2NamingUpstream_WhenDependsOnUnknownTask()
    {
        var run = await Cli("task", "insert", Write("fh_dangling.json", SampleDefinitions.Task(1412, "fh_dangling", ",\"depends_on\": [{\"task\": \"fh_nobody\"}]")));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("depends_on[0].task: \"fh_nobody\" is not a known task"));
    }

    [Test]
    public async Task ListShowAndExplain_ShowDependencies_AndWhatAnOnDemandDependentWaitsFor()
    {
        await Cli("task", "insert", Write("fh_src.json", SampleDefinitions.Task(1413, "fh_src")));
        var inserted = await Cli("task", "insert", Write("fh_sink.json", RemoveTimes(SampleDefinitions.Task(1414, "fh_sink", ",\"depends_on\": [{\"task\": \"fh_src\", \"on\": \"done\"}]"))));

        var list = await Cli("task", "list");
        var show = await Cli("task", "show", "fh_sink");
        var explain = await Cli("task", "explain", "fh_sink");

        Assert.That(inserted.ExitCode, Is.Zero, inserted.ToString());
        Assert.That(list.Output, Does.Match(@"fh_sink\s+-\s+localhost\s+after fh_src \(done\)"), list.ToString());
        Assert.That(show.Output, Does.Contain("Depends on: fh_src (done)"), show.ToString());
        Assert.That(explain.Output, Does.Contain("waiting for fh_src (done): it has never run"), explain.ToString());
    }

    [Test]
    public async Task Update_KeepsOperatorsDeactivation_WhenFileLeavesActiveOut()
    {
        await Cli("task", "insert", Write("fh_keep.json", SampleDefinitions.Task(1415, "fh_keep")));
        var off = await Cli("task", "deactivate", "fh_keep");
        await Cli("task", "hold", "fh_keep");

        var update = await Cli("task", "update", Write("fh_keep.json", SampleDefinitions.Task(1415, "fh_keep").Replace("echo hello", "echo edited", StringComparison.Ordinal)));
        var show = await Cli("task", "show", "fh_keep");
        var stated = await Cli("task", "update", Write("fh_keep.json", SampleDefinitions.Task(1415, "fh_keep", ",\"active\": true")));
        var shownStated = await Cli("task", "show", "fh_keep");

        Assert.That(off.Output, Does.Contain("definition stays version 1"), off.ToString());
        Assert.That(update.Output, Does.Contain("version 2)").And.Contain("stays inactive"), update.ToString());
        Assert.That(show.Output, Does.Contain("Active:    no (IDLE").And.Contain("on hold").And.Contain("echo edited"), show.ToString());
        Assert.That(shownStated.Output, Does.Contain("Active:    yes, on hold"), stated + shownStated.ToString());
    }

    [Test]
    public async Task ForceRun_OfHeldTask_SaysHeldAndNeedsForce()
    {
        await Cli("task", "insert", Write("fh_held.json", SampleDefinitions.Task(1416, "fh_held")));
        await Cli("task", "hold", "fh_held");

        var refused = await Cli("task", "run", "fh_held");
        var forced = await Cli("task", "run", "fh_held", "--force");
        var forecast = await Cli("task", "forecast", "fh_held", "--days", "3");

        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("task \"fh_held\" is on hold").And.Contain("--force"));
        Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
        Assert.That(forecast.Output, Does.Contain("on hold"), forecast.ToString());
    }

    [Test]
    public async Task InsertAndExplain_Warn_WhenNoAgentByThatHostWasEverHeard()
    {
        var insert = await Cli("task", "insert", Write("fh_far.json", SampleDefinitions.Task(1417, "fh_far").Replace("\"localhost\"", "\"fh-nowhere-01\"", StringComparison.Ordinal)));
        var explain = await Cli("task", "explain", "fh_far");

        Assert.That(insert.ExitCode, Is.Zero, insert.ToString());
        Assert.That(insert.Error, Does.Contain("warning: run_on_host: no agent named \"fh-nowhere-01\" has ever been heard from"));
        Assert.That(explain.Output, Does.Contain("armed on the clock").And.Contain("Warning: run_on_host: no agent named \"fh-nowhere-01\""), explain.ToString());
    }

    [Test]
    public async Task InsertAndExplain_Warn_WhenAgentDoesNotAllowTheOwner()
    {
        await HeardAsync("fh-etl-01", "etl", "etl");

        var insert = await Cli("task", "insert", Write("fh_owner.json", SampleDefinitions.Task(1418, "fh_owner").Replace("\"localhost\"", "\"fh-etl-01\"", StringComparison.Ordinal)));
        var explain = await Cli("task", "explain", "fh_owner");

        Assert.That(insert.Error, Does.Contain("warning: task_owner: agent fh-etl-01 does not allow owner \"admin\" (allowed: etl)"), insert.ToString());
        Assert.That(explain.Output, Does.Contain("Warning: task_owner: agent fh-etl-01 does not allow owner \"admin\""), explain.ToString());
    }

    private static string RemoveTimes(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @",\s*""trigger_times"": ""08:30""", "");
}
