using System.Text.Json.Nodes;
using NJsonSchema;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>
/// One of the JSON Schemas shipped beside the binaries (Contracts copies <c>Definitions/*.schema.json</c> to the
/// output), read both as plain JSON, to compare its structure with the code, and as a schema, to validate documents.
/// </summary>
internal sealed class SchemaFile
{
    private readonly JsonSchema schema;

    private SchemaFile(string path)
    {
        Document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        schema = JsonSchema.FromJsonAsync(File.ReadAllText(path)).GetAwaiter().GetResult();
    }

    private static readonly Lazy<SchemaFile> TaskDefinitionFile = new(() => Load("task-definition.schema.json"));

    private static readonly Lazy<SchemaFile> CalendarFile = new(() => Load("calendar.schema.json"));

    // Lazy rather than static initialisers: a missing file then fails the test with its own message, not a TypeInitializationException.
    public static SchemaFile TaskDefinition => TaskDefinitionFile.Value;

    public static SchemaFile Calendar => CalendarFile.Value;

    public JsonObject Document { get; }

    public JsonObject Properties => Document["properties"]!.AsObject();

    public IReadOnlyList<string> PropertyNames => Properties.Select(p => p.Key).ToList();

    public IReadOnlyList<string> Required => Document["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    /// <summary>The top-level field each schema violation is about (<c>#/depends_on[0]</c> → <c>depends_on</c>).</summary>
    public IReadOnlyList<string> ViolatedFields(string json) =>
        schema.Validate(json).Select(error => RootField(error.Path ?? error.Property ?? "")).ToList();

    private static SchemaFile Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Definitions", fileName);
        return File.Exists(path)
            ? new SchemaFile(path)
            : throw new FileNotFoundException($"{fileName} was not copied to the test output; Contracts/EasyTask.Contracts.csproj must copy Definitions/*.schema.json.", path);
    }

    private static string RootField(string path)
    {
        var field = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path;
        var end = field.IndexOfAny(['.', '[']);
        return end > 0 ? field[..end] : field;
    }
}
