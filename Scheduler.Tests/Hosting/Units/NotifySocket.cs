using System.Net.Sockets;
using System.Text;

namespace EasyTask.Scheduler.Tests.Hosting.Units;

/// <summary>
/// The unix datagram socket systemd passes in <c>NOTIFY_SOCKET</c> for <c>Type=notify</c> units: collects what the
/// service sends (<c>READY=1</c>, <c>STOPPING=1</c>, <c>STATUS=...</c>).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket socket;
    private readonly List<string> messages = [];
    private readonly Task receiving;
    private readonly CancellationTokenSource stop = new();

    public NotifySocket(string path)
    {
        Path = path;
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        // The service runs as its own user; systemd's socket accepts datagrams from any local process too.
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        receiving = ReceiveAsync();
    }

    public string Path { get; }

    /// <summary>Every assignment received so far, in order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>Waits until the service sent <paramref name="assignment"/> (e.g. <c>READY=1</c>); false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(string assignment, TimeSpan timeout, Func<bool> givenUp)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !givenUp())
        {
            if (Messages.Contains(assignment))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return Messages.Contains(assignment);
    }

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            receiving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The receive loop ends with the socket.
        }

        stop.Dispose();
        File.Delete(Path);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var datagram = Encoding.UTF8.GetString(buffer, 0, length);
            lock (messages)
            {
                messages.AddRange(datagram.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }
}
