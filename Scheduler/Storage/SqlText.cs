namespace EasyTask.Scheduler.Storage;

/// <summary>Small string helpers the dialects share when they build statements from column lists.</summary>
internal static class SqlText
{
    public static string Columns(IReadOnlyList<string> columns) => string.Join(", ", columns);

    public static string Parameters(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(c => "@" + c));

    /// <summary>The whole script as one batch, or nothing when it holds only whitespace.</summary>
    public static IReadOnlyList<string> SingleBatch(string script) =>
        string.IsNullOrWhiteSpace(script) ? [] : [script];
}
