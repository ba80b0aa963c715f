using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>Passwords never reach a log line or an answer, however the connection string spells them.</summary>
[TestFixture]
internal sealed class ConnectionStringMaskingTests
{
    [TestCase("postgres:Host=db;Username=easytask;Password = s3cret;Database=easytask")]
    [TestCase("postgres:Host=db;Username=easytask;PASSWORD='s3cret';Database=easytask")]
    [TestCase("postgres:Host=db;Username=easytask;Pwd=s3cret;Database=easytask")]
    [TestCase("sqlserver:Server=db;User ID=easytask;Password = s3cret;Database=easytask")]
    [TestCase("sqlserver:Server=db;User ID=easytask;PWD=\"s3cret\";Database=easytask")]
    public void Describe_MasksThePassword_WhateverItsSpelling(string setting)
    {
        var options = DatabaseOptions.Parse(setting);

        Assert.That(options.Describe(), Does.Not.Contain("s3cret"));
        Assert.That(options.ToString(), Does.Not.Contain("s3cret"));
    }

    [TestCase("postgres:Host=db;Username=easytask;Password=s3cret;Database=jobs", "postgres:db/jobs")]
    [TestCase("sqlserver:Server=db;User ID=easytask;Password=s3cret;Database=jobs", "sqlserver:db/jobs")]
    [TestCase("sqlite:/var/lib/easytask/easytask.db", "sqlite:easytask.db")]
    public void Summary_NamesOnlyServerAndDatabase(string setting, string expected) =>
        Assert.That(DatabaseOptions.Parse(setting).Summary(), Is.EqualTo(expected));
}
