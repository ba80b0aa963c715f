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

    /// <summary>A form safe to print: passwords blanked.</summary>
    public string Describe() => $"{Provider.ToString().ToLowerInvariant()}:{Redact(ConnectionString)}";

    /// <summary>Same as <see cref="Describe"/>: the record's generated form would print the password into logs.</summary>
    public override string ToString() => Describe();

    private static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)=[^;]*", "$1=***");
}
