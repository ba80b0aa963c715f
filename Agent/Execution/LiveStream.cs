using System.Globalization;
using System.Text;

namespace EasyTask.Agent.Execution;

/// <summary>
/// Bytes of one stream waiting for the next live batch. Bounded: when the sink falls behind, the bytes that do not
/// fit are counted and dropped, so the pump that feeds it never waits (the file has everything anyway).
/// Only one flusher takes from it at a time; any number of offers may race with it.
/// </summary>
internal sealed class LiveStream(string name, int maxBytes)
{
    private readonly Lock gate = new();
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private byte[] pending = [];
    private byte[] spare = [];
    private int length;
    private long dropped;

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The next batch's position in the stream.</summary>
    public long Sequence { get; set; }

    public void Offer(ReadOnlySpan<byte> data)
    {
        lock (gate)
        {
            if (pending.Length == 0)
            {
                pending = new byte[maxBytes];
            }

            var fits = Math.Min(maxBytes - length, data.Length);
            data[..fits].CopyTo(pending.AsSpan(length));
            length += fits;
            dropped += data.Length - fits;
        }
    }

    /// <summary>The text gathered since the last take, with a note when some was dropped; null when there is none.</summary>
    public string? TakeText(bool final)
    {
        byte[] taken;
        int takenLength;
        long takenDropped;
        lock (gate)
        {
            (taken, takenLength, takenDropped) = (pending, length, dropped);
            (pending, spare, length, dropped) = (spare, [], 0, 0);
        }

        spare = taken;
        if (takenLength == 0 && takenDropped == 0 && !final)
        {
            return null;
        }

        // The decoder carries a multi-byte character cut between two reads over to the next batch, unless bytes were dropped in between.
        var flush = final || takenDropped > 0;
        var chars = new char[decoder.GetCharCount(taken, 0, takenLength, flush)];
        var text = new string(chars, 0, decoder.GetChars(taken, 0, takenLength, chars, 0, flush));
        if (takenDropped > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"\n[agent: {takenDropped} bytes of {Name} not shown live because the viewer could not keep up; the {Name} file has everything]\n");
        }

        return text.Length == 0 ? null : text.ToString();
    }
}
