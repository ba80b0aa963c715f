using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

internal sealed class DependencyCyclesTests
{
    private static readonly Dictionary<string, string[]> Stored = new()
    {
        ["extract"] = [],
        ["transform"] = ["extract"],
        ["load"] = ["transform"],
    };

    [Test]
    public void Find_ReturnsCycle_WhenUpstreamAlreadyDependsOnCandidate()
    {
        var cycle = DependencyCycles.Find(Task("extract", "load"), Upstream);

        Assert.That(cycle, Is.EqualTo(new[] { "extract", "load", "transform", "extract" }));
    }

    [Test]
    public void Find_ReturnsNull_WhenGraphStaysAcyclic() =>
        Assert.That(DependencyCycles.Find(Task("report", "load", "transform"), Upstream), Is.Null);

    [Test]
    public void Find_ReturnsNull_WhenUpstreamIsUnknown() =>
        Assert.That(DependencyCycles.Find(Task("report", "not_yet_defined"), Upstream), Is.Null);

    private static IEnumerable<string> Upstream(string name) => Stored.TryGetValue(name, out var deps) ? deps : [];

    private static TaskDefinition Task(string name, params string[] dependsOn) => new()
    {
        Tid = 1,
        Name = name,
        Cmd = "true",
        RunOnHost = "h",
        DependsOn = dependsOn.Select(d => new TaskDependency { Task = d }).ToList(),
    };
}
