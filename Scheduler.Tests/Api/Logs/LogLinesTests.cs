using EasyTask.Scheduler.Api.Logs;

namespace EasyTask.Scheduler.Tests.Api.Logs;

internal sealed class LogLinesTests
{
    [Test]
    public void Split_EndsTheLastLineAtTheFinalNewline_WhenTextEndsWithOne() =>
        Assert.That(LogLines.Split("one\r\ntwo\n"), Is.EqualTo(new[] { "one", "two" }));

    [Test]
    public void Split_KeepsAnUnfinishedLastLine_WhenTextDoesNotEndWithANewline() =>
        Assert.That(LogLines.Split("one\n\nthree"), Is.EqualTo(new[] { "one", "", "three" }));

    [Test]
    public void Search_FindsLineNumbersIgnoringCaseAndColourCodes_WhenTextMatches()
    {
        var lines = LogLines.Split("ok\n\u001b[31mER\u001b[0mROR: red\nall fine\nerror: again\n");

        Assert.That(LogLines.Search(lines, "ERROR"), Is.EqualTo(new[] { 2, 4 }));
    }
}
