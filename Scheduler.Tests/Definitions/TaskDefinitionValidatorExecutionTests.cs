using System.Text.Json.Nodes;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>How a task runs: limits, retries, output files, environment, concurrency.</summary>
[TestFixture]
internal sealed class TaskDefinitionValidatorExecutionTests
{
    [TestCase("max_run_time", -1, "must be seconds from 0 (no limit) to 2592000 (30 days, the longest run time the agent enforces), got -1")]
    [TestCase("retry_attempts", -1, "must be a whole number from 0 to 100, got -1")]
    [TestCase("retry_attempts", 101, "must be a whole number from 0 to 100, got 101")]
    [TestCase("retry_delay", -5, "must be seconds from 0 to 86400, got -5")]
    [TestCase("retry_delay", 86_401, "got 86401")]
    [TestCase("misfire_grace", -60, "must be seconds, 0 or more, got -60")]
    [TestCase("priority", 101, "must be a whole number from 0 to 100, got 101")]
    [TestCase("priority", -1, "got -1")]
    public void Check_ReportsTheField_WhenANumberIsOutOfRange(string field, int value, string messagePart)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With(field, value).Errors(), field, messagePart);
    }

    [TestCase("max_run_time", 0)]
    [TestCase("retry_attempts", 100)]
    [TestCase("retry_delay", 0)]
    [TestCase("misfire_grace", 0)]
    public void Check_AcceptsTheField_WhenANumberIsAtTheEdgeOfItsRange(string field, int value)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With(field, value).Errors());
    }

    [TestCase("stdout", "../x", "must not contain '..' (it would escape the log directory)")]
    [TestCase("stdout", "a/../../b", "must not contain '..'")]
    [TestCase("stderr", "logs\\..\\..\\secret", "must not contain '..'")]
    [TestCase("stdout", "/etc/passwd", "must be relative, not an absolute path")]
    [TestCase("stderr", "C:\\x", "must be relative, not an absolute path")]
    [TestCase("stdout", "\\\\server\\share\\x", "must be relative")]
    [TestCase("stdout", "logs/", "must name a file")]
    [TestCase("stdout", "a//b", "must name a file")]
    [TestCase("stdout", "   ", "must not be blank")]
    [TestCase("stderr", "out|err", "without control characters or < > : \" | ? *")]
    public void Check_ReportsTheOutputFile_WhenItWouldEscapeTheLogDirectory(string field, string path, string messagePart)
    {
        var errors = TaskJson.Minimal().With(field, path).Errors();

        FieldErrorAssert.Single(errors, field, messagePart);
        Assert.That(errors[0].Message, Does.Contain("allowed: a file name or relative path inside the agent's log directory"));
    }

    [TestCase("report.out")]
    [TestCase("reports/nightly/report.out")]
    [TestCase("./report.out")]
    public void Check_AcceptsTheOutputFile_WhenItStaysInsideTheLogDirectory(string path)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("stdout", path).With("stderr", path).Errors());
    }

    [TestCase("1ST", "is not a valid variable name")]
    [TestCase("MY-VAR", "is not a valid variable name")]
    [TestCase("WITH SPACE", "is not a valid variable name")]
    [TestCase("EASYTASK_RUN_ID", "names starting with EASYTASK_ are reserved")]
    [TestCase("easytask_home", "are reserved")]
    public void Check_ReportsTheEnvironmentName_WhenInvalidOrReserved(string name, string messagePart)
    {
        var errors = TaskJson.Minimal().With("env", new JsonObject { ["OK_NAME"] = "1", [name] = "x" }).Errors();

        FieldErrorAssert.Single(errors, $"env.{name}", messagePart);
    }

    [TestCase("sometimes")]
    [TestCase("Queue")]
    [TestCase("")]
    public void Check_ReportsConcurrency_WhenNotSkipQueueOrAllow(string policy)
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("concurrency", policy).Errors(), "concurrency", $"must be one of skip, queue, allow, got \"{policy}\"");
    }

    [TestCase("skip")]
    [TestCase("queue")]
    [TestCase("allow")]
    public void Check_AcceptsConcurrency_WhenSkipQueueOrAllow(string policy)
    {
        FieldErrorAssert.None(TaskJson.Minimal().With("concurrency", policy).Errors());
    }

    [Test]
    public void Check_ReportsWorkingDir_WhenBlank()
    {
        FieldErrorAssert.Single(TaskJson.Minimal().With("working_dir", " ").Errors(), "working_dir", "must be a directory path");
    }
}
