namespace EasyTask.Scheduler.Hosting;

/// <summary>
/// Short environment names operators actually type (<c>EASYTASK_DB</c>) mapped onto the standard
/// configuration keys, so <c>EasyTask__Database</c>, appsettings.json and command-line keys work too.
/// </summary>
internal static class ConfigurationAliases
{
    public const string DatabaseKey = "EasyTask:Database";
    public const string BusKey = "EasyTask:Bus";
    public const string WatchFolderKey = "EasyTask:Watch:Folder";

    private static readonly (string Variable, string Key)[] Aliases =
    [
        ("EASYTASK_DB", DatabaseKey),
        ("EASYTASK_BUS", BusKey),
        ("EASYTASK_LOG_JSON", SerilogSetup.JsonKey),
        ("EASYTASK_LOG_FILE", SerilogSetup.FileKey),
        ("EASYTASK_TASKS_DIR", WatchFolderKey),
    ];

    /// <summary>Adds the aliases that are set; they rank above appsettings and plain environment variables.</summary>
    public static IConfigurationBuilder AddEasyTaskAliases(this IConfigurationBuilder configuration)
    {
        var values = Aliases
            .Select(a => (a.Key, Value: Environment.GetEnvironmentVariable(a.Variable)))
            .Where(a => !string.IsNullOrWhiteSpace(a.Value))
            .ToDictionary(a => a.Key, a => a.Value);
        return configuration.AddInMemoryCollection(values);
    }
}
