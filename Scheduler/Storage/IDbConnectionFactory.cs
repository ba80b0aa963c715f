using System.Data.Common;

namespace EasyTask.Scheduler.Storage;

/// <summary>Opens connections to the configured database; the caller disposes each one (pooling makes that cheap).</summary>
internal interface IDbConnectionFactory
{
    /// <summary>The SQL differences of the database this factory connects to.</summary>
    ISqlDialect Dialect { get; }

    /// <summary>An open connection, ready for commands.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
