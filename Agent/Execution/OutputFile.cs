namespace EasyTask.Agent.Execution;

/// <summary>
/// One captured-output file. Writes are serialised because stdout and stderr may name the same file. A write
/// error (disk full) is remembered for the run's result and later writes are skipped, but the pipe keeps being
/// read, so the child never blocks on a full pipe.
/// </summary>
internal sealed class OutputFile : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly FileStream stream;

    private OutputFile(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    public string Path { get; }

    public string? Problem { get; private set; }

    /// <summary>
    /// Opens for appending: a fixed file name shared by successive runs keeps their history, as operators of AutoSys
    /// expect. On Unix a symbolic link in the file's place is refused (O_NOFOLLOW), never followed.
    /// </summary>
    public static OutputFile Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
        {
            return new OutputFile(path, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous));
        }

        var handle = NoFollowOpen.OpenForAppend(path);
        try
        {
            var stream = new FileStream(handle, FileAccess.Write, bufferSize: 0);
            stream.Seek(0, SeekOrigin.End);
            return new OutputFile(path, stream);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
    {
        if (Problem is not null)
        {
            return;
        }

        await gate.WaitAsync();
        try
        {
            await stream.WriteAsync(data);
        }
        catch (IOException ex)
        {
            Problem = $"{Path} could not be written ({ex.Message}); output after that point is missing from the file";
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        gate.Dispose();
    }
}
