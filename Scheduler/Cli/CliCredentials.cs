namespace EasyTask.Scheduler.Cli;

/// <summary>
/// The API token the CLI sends: <c>--token</c>, else <c>EASYTASK_TOKEN</c>, else the file standalone writes,
/// <c>./data/admin.token</c>, when it exists. <c>--token</c> is a root option, so every verb takes it.
/// </summary>
internal static class CliCredentials
{
    public const string TokenVariable = "EASYTASK_TOKEN";
    public const string TokenOptionName = "--token";
    public static readonly string StandaloneTokenFile = Path.Combine("data", "admin.token");

    private static readonly AsyncLocal<string?> Given = new();

    /// <summary>Set by each invocation from its <c>--token</c> (null when absent).</summary>
    public static string? FromCommandLine
    {
        get => Given.Value;
        set => Given.Value = value;
    }

    /// <summary>The token to send, or null to send none.</summary>
    public static string? Resolve()
    {
        if (FromCommandLine is { Length: > 0 } given)
        {
            return given.Trim();
        }

        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }

        return File.Exists(StandaloneTokenFile) ? File.ReadAllText(StandaloneTokenFile).Trim() : null;
    }
}
