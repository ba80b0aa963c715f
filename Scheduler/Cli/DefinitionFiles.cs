using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>Finding and reading definition files named on the command line.</summary>
internal static class DefinitionFiles
{
    public const string CalendarsFolder = "calendars";

    /// <summary>Expands files and folders (their <c>*.json</c>, not recursive) into files, in a stable order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) => paths
        .SelectMany(path => Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : Enumerable.Repeat(path, 1))
        .ToList();

    public static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: cannot read: {ex.Message}", ExitCodes.InvalidInput);
        }
    }

    /// <summary>The raw text of each definition in a file (one object, or each item of an array), in order.</summary>
    public static IReadOnlyList<string> Items(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Array
                ? root.EnumerateArray().Select(e => e.GetRawText()).ToList()
                : [root.GetRawText()];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>Prints each problem as <c>file: field: message</c>, the form editors and grep understand.</summary>
    public static async Task WriteErrorsAsync(TextWriter writer, string file, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            await writer.WriteLineAsync($"{file}: {error.Field}: {error.Message}");
        }
    }

    /// <summary>Who the CLI says it is in the server's audit columns.</summary>
    public static string SourceFor(string? file) =>
        $"cli {Environment.UserName}@{Environment.MachineName}{(file is null ? "" : " " + Path.GetFileName(file))}";
}
