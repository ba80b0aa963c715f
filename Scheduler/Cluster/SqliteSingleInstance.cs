using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Cluster;

/// <summary>
/// SQLite is the one-process shape: a second scheduler on the same file would fire every task twice. The first
/// holds an exclusive lock on <c>&lt;file&gt;.lock</c> beside the database for its whole life (released by the
/// operating system even when the process is killed); a second finds it held and refuses to start.
/// </summary>
internal sealed class SqliteSingleInstance : IDisposable
{
    private readonly FileStream? held;

    private SqliteSingleInstance(FileStream? held) => this.held = held;

    /// <summary>The lock file beside the database, or null for databases that allow several schedulers.</summary>
    public string? LockFile => held?.Name;

    /// <summary>Takes the lock for a SQLite database; does nothing for the server databases.</summary>
    /// <exception cref="DatabaseInUseException">Another scheduler holds the file.</exception>
    public static SqliteSingleInstance Acquire(DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return new SqliteSingleInstance(null);
        }

        var file = Path.GetFullPath(database.ConnectionString);
        var lockFile = file + ".lock";
        if (Path.GetDirectoryName(lockFile) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows; both die with the process.
            return new SqliteSingleInstance(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException ex)
        {
            throw new DatabaseInUseException(
                $"the SQLite database {file} is already in use by another EasyTask scheduler (it holds {lockFile}). " +
                "SQLite runs one scheduler process per file: stop the other one, or use PostgreSQL or SQL Server (EASYTASK_DB) to run several schedulers.",
                ex);
        }
    }

    public void Dispose() => held?.Dispose();
}
