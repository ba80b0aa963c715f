namespace EasyTask.Scheduler.Storage;

/// <summary>The database engines EasyTask stores its state in.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded file database, the default.</summary>
    Sqlite,

    /// <summary>PostgreSQL server.</summary>
    Postgres,

    /// <summary>Microsoft SQL Server, the production target.</summary>
    SqlServer,
}
