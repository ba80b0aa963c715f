using System.Text;
using EasyTask.Agent.Execution;

namespace EasyTask.Agent.Tests.Execution;

internal sealed class LiveStreamTests
{
    [Test]
    public void TakeText_KeepsFirstBytesAndSaysHowManyWereDropped_WhenViewerFallsBehind()
    {
        var live = new LiveStream("stdout", maxBytes: 1024);
        var chunk = Encoding.UTF8.GetBytes(new string('x', 4096));
        for (var i = 0; i < 256; i++)
        {
            live.Offer(chunk);
        }

        var text = live.TakeText(final: false);

        Assert.That(text, Does.StartWith(new string('x', 1024) + "\n[agent: 1047552 bytes of stdout not shown live"));
        Assert.That(text, Does.EndWith("the stdout file has everything]\n"));
        Assert.That(live.TakeText(final: false), Is.Null, "nothing new since");
    }

    [Test]
    public void TakeText_JoinsCharacterSplitBetweenReads_WhenNothingWasDropped()
    {
        var live = new LiveStream("stdout", maxBytes: 1024);
        var euro = Encoding.UTF8.GetBytes("€");

        live.Offer(euro.AsSpan(0, 1));
        var first = live.TakeText(final: false);
        live.Offer(euro.AsSpan(1));
        var second = live.TakeText(final: true);

        Assert.That((first, second), Is.EqualTo(((string?)null, (string?)"€")));
    }
}
