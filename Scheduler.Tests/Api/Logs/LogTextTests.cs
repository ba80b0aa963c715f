using EasyTask.Scheduler.Api.Logs;

namespace EasyTask.Scheduler.Tests.Api.Logs;

internal sealed class LogTextTests
{
    [Test]
    public void Lines_AreTheSameAsSplittingTheText_ForEveryEndOfLine()
    {
        foreach (var text in new[] { "one\r\ntwo\n", "one\n\nthree", "", "\n", "last without newline", "a\r\n\r\nb\r\n" })
        {
            var log = LogText.Of(text);

            Assert.That(log.Slice(0, 100), Is.EqualTo(LogLines.Split(text)), text);
        }
    }

    [Test]
    public void Slice_GivesThePageAsked_AndNothingPastTheEnd()
    {
        var log = LogText.Of(string.Concat(Enumerable.Range(1, 1200).Select(i => $"line {i}\n")));

        Assert.That(log.Count, Is.EqualTo(1200));
        Assert.That(log.Slice(1000, 500), Has.Count.EqualTo(200));
        Assert.That(log.Slice(500, 2), Is.EqualTo(new[] { "line 501", "line 502" }));
    }

    [Test]
    public void Search_FindsEachLineOnce_IgnoringCaseAndColourCodes()
    {
        var log = LogText.Of("ok\n\u001b[31mER\u001b[0mROR: red\nall fine\nerror: again, error twice\nERROR\n");

        Assert.That(log.Search("ERROR", 100), Is.EqualTo(new[] { 2, 4, 5 }));
        Assert.That(log.Search("absent", 100), Is.Empty);
    }

    [Test]
    public void Search_GivesTheFirstMatchesInOrder_WhenThereAreMoreThanTheMaximum()
    {
        var log = LogText.Of(string.Concat(Enumerable.Range(1, 50).Select(i => i % 2 == 0 ? "\u001b[1mhit\u001b[0m\n" : "hit\n")));

        Assert.That(log.Search("hit", 5), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
    }
}
