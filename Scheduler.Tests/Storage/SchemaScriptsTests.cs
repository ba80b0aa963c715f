using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>The scripts shipped inside the binary, and how their numbers are read.</summary>
[TestFixture]
internal sealed class SchemaScriptsTests
{
    [TestCase("sqlite")]
    [TestCase("postgres")]
    [TestCase("sqlserver")]
    public void Load_FindsInitialScriptFirst_ForEveryProvider(string folder)
    {
        var scripts = SchemaScripts.Load(folder);

        Assert.That(scripts, Is.Not.Empty);
        Assert.That(scripts[0].Name, Is.EqualTo("001_initial.sql"));
        Assert.That(scripts[0].Text, Does.Contain("CREATE TABLE tasks"));
        Assert.That(scripts.Select(s => s.Version), Is.Ordered.And.Unique);
    }

    [TestCase("001_initial.sql", 1)]
    [TestCase("012_run_indexes.sql", 12)]
    public void VersionOf_ReadsLeadingNumber_WhenNameStartsWithOne(string name, int version) =>
        Assert.That(SchemaScripts.VersionOf(name), Is.EqualTo(version));

    [TestCase("initial.sql")]
    [TestCase("000_nothing.sql")]
    public void VersionOf_ThrowsNamingTheFile_WhenNameHasNoVersion(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaScripts.VersionOf(name));

        Assert.That(error!.Message, Does.Contain(name));
    }
}
