using System.Globalization;
using System.Text;

namespace EasyTask.Agent.Execution;

/// <summary>
/// The most bytes one stream of a run may write (<c>EasyTask:Agent:MaxOutputBytes</c>). Past it the file gets one
/// marker line and the rest is read and discarded, so the task neither fills the disk nor blocks on a full pipe.
/// </summary>
internal sealed class OutputBudget(string stream, long limit)
{
    private long used;

    /// <summary>True once output was discarded.</summary>
    public bool Cut { get; private set; }

    /// <summary>The line written where the output was cut.</summary>
    public ReadOnlyMemory<byte> Marker => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"\n[easytask: {stream} cut here: it reached EasyTask:Agent:MaxOutputBytes ({limit} bytes); the rest was discarded]\n"));

    /// <summary>For the run's detail, once cut.</summary>
    public string? Problem => Cut ? string.Create(CultureInfo.InvariantCulture, $"{stream} was cut at {limit} bytes (EasyTask:Agent:MaxOutputBytes)") : null;

    /// <summary>How many of <paramref name="count"/> new bytes may still be kept; <paramref name="cutNow"/> is true exactly once, when the limit is first passed.</summary>
    public int Take(int count, out bool cutNow)
    {
        var allowed = (int)Math.Clamp(limit - used, 0, count);
        used += allowed;
        cutNow = allowed < count && !Cut;
        Cut |= allowed < count;
        return allowed;
    }
}
