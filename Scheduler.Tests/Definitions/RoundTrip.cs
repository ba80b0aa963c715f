using EasyTask.Contracts.Definitions;
using NUnit.Framework.Constraints;

namespace EasyTask.Scheduler.Tests.Definitions;

internal static class RoundTrip
{
    /// <summary>
    /// Record equality compares the list and dictionary properties by reference, so those are compared
    /// by content and the rest of the record with them blanked out.
    /// </summary>
    public static void AssertEqual(TaskDefinition actual, TaskDefinition expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual with { DependsOn = null, Env = null }, Is.EqualTo(expected with { DependsOn = null, Env = null }));
            Assert.That(actual.DependsOn, Is.EqualTo(expected.DependsOn));
            Assert.That(actual.Env, expected.Env is null ? Is.Null : (IResolveConstraint)Is.EquivalentTo(expected.Env));
            Assert.That(TaskDefinitionJson.Serialize(actual), Is.EqualTo(TaskDefinitionJson.Serialize(expected)));
        });
    }
}
