using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Tests.Definitions;

namespace EasyTask.Scheduler.Tests.Storage;

internal abstract partial class TaskStoreContract
{
    [Test]
    public async Task FindAsync_ReturnsEveryFieldIntact_WhenEachIsAtItsLongestValidValue()
    {
        foreach (var longest in new[] { LongestDefinitions.Task(), LongestDefinitions.TaskWithTriggerTimes() with { Tid = long.MaxValue - 1 } })
        {
            await Store.InsertAsync(longest, "watched folder tasks/" + LongestDefinitions.Fill("f", 250) + ".json", None);
            var found = await Store.FindAsync(longest.Name, None);

            Assert.That(found, Is.Not.Null, longest.Name);
            Assert.That(TaskDefinitionJson.Serialize(found!.Definition), Is.EqualTo(TaskDefinitionJson.Serialize(longest)), longest.Name);
        }
    }
}
