namespace EasyTask.Scheduler.Storage;

/// <summary>
/// Where state is stored, written as one string (<c>EASYTASK_DB</c>):
/// <c>sqlite:&lt;path&gt;</c> | <c>postgres:&lt;connection string&gt;</c> | <c>sqlserver:&lt;connection string&gt;</c>.
/// Default <c>sqlite:./data/easytask.db</c>.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The embedded default.</summary>
    public const string DefaultSetting = "sqlite:./data/easytask.db";

    /// <summary>Parses the one-string form; throws <see cref="FormatException"/> naming what is allowed.</summary>
    public static DatabaseOptions Parse(string? setting)
    {
        var text = string.IsNullOrWhiteSpace(setting) ? DefaultSetting : setting.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? text[..colon].ToLowerInvariant() : "";
        var rest = colon > 0 ? text[(colon + 1)..].Trim() : "";
        var provider = prefix switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
            _ => throw new FormatException($"EASYTASK_DB must start with sqlite:, postgres: or sqlserver:, got \"{Redact(text)}\""),
        };
        if (rest.Length == 0)
        {
            throw new FormatException($"EASYTASK_DB: nothing after \"{prefix}:\"; give a file path for sqlite or a connection string for {prefix}");
        }

        return new DatabaseOptions(provider, rest);
    }

    /// <summary>A form safe to print: the password masked by the provider's own connection-string builder (any spelling, spacing or quoting).</summary>
    public string Describe() => $"{Provider.ToString().ToLowerInvariant()}:{Masked()}";

    /// <summary>Just which database: provider, server and database name (sqlite: the file name). For unauthenticated answers such as /health/ready.</summary>
    public string Summary()
    {
        try
        {
            return Provider switch
            {
                DatabaseProvider.Postgres => new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) is var pg ? $"postgres:{pg.Host}/{pg.Database}" : "",
                DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString) is var ms ? $"sqlserver:{ms.DataSource}/{ms.InitialCatalog}" : "",
                _ => $"sqlite:{Path.GetFileName(ConnectionString)}",
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return $"{Provider.ToString().ToLowerInvariant()}:(unreadable connection string)";
        }
    }

    /// <summary>Same as <see cref="Describe"/>: the record's generated form would print the password into logs.</summary>
    public override string ToString() => Describe();

    private string Masked()
    {
        try
        {
            switch (Provider)
            {
                case DatabaseProvider.Postgres:
                    var pg = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                    if (pg.Password is not null)
                    {
                        pg.Password = "***";
                    }

                    return pg.ConnectionString;
                case DatabaseProvider.SqlServer:
                    var ms = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString);
                    if (ms.Password.Length > 0)
                    {
                        ms.Password = "***";
                    }

                    return ms.ConnectionString;
                default:
                    return ConnectionString;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // Not a connection string the driver can read: mask what looks like a password, and more.
            return Redact(ConnectionString);
        }
    }

    private static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)\\s*=[^;]*", "$1=***");
}
