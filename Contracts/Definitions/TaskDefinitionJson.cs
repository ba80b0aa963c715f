using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EasyTask.Contracts.Definitions;

/// <summary>
/// The JSON form of <see cref="TaskDefinition"/>: strict reading that reports every problem with
/// its field (unknown fields, wrong types, malformed JSON with line and position) and writing.
/// </summary>
public static partial class TaskDefinitionJson
{
    /// <summary>How definitions are written: snake_case as declared, nulls left out.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    /// <summary>Reads one definition (a JSON object).</summary>
    public static ParseOutcome<TaskDefinition> Parse(string json) => ParseDocument(json, allowArray: false)[0].Outcome;

    /// <summary>Reads a file's content: one definition object, or an array of them.</summary>
    public static IReadOnlyList<ParseOutcome<TaskDefinition>> ParseMany(string json) =>
        ParseDocument(json, allowArray: true).Select(item => item.Outcome).ToList();

    /// <summary>
    /// Like <see cref="ParseMany"/>, with the path prefix each definition's errors carry: empty for a lone
    /// object, <c>[i]</c> for an array item (even a first item that parsed cleanly), so later rule errors match.
    /// </summary>
    internal static List<(ParseOutcome<TaskDefinition> Outcome, string Prefix)> ParseManyWithPrefixes(string json) =>
        ParseDocument(json, allowArray: true);

    /// <summary>Writes a definition as indented JSON.</summary>
    public static string Serialize(TaskDefinition definition) => JsonSerializer.Serialize(definition, WriteOptions);

    private static List<(ParseOutcome<TaskDefinition> Outcome, string Prefix)> ParseDocument(string json, bool allowArray)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return [(new ParseOutcome<TaskDefinition>(null, [MalformedJson(ex)]), "")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (allowArray && root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() == 0)
                {
                    return [(new ParseOutcome<TaskDefinition>(null, [new FieldError("$", "the array holds no task definition")]), "")];
                }

                return root.EnumerateArray().Select((element, index) => (Guarded(element, $"[{index}]"), $"[{index}]")).ToList();
            }

            return [(Guarded(root, ""), "")];
        }
    }

    /// <summary>False for a property name holding half a surrogate pair, which cannot be read as a string.</summary>
    internal static bool HasUnicodeName(JsonProperty property)
    {
        try
        {
            return property.Name.Length >= 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Turns a JSON parser failure into an error that points at line and position (both 1-based).</summary>
    public static FieldError MalformedJson(JsonException ex)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var position = (ex.BytePositionInLine ?? 0) + 1;
        var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return new FieldError("$", $"malformed JSON at line {line}, position {position}: {reason}");
    }

    /// <summary>
    /// <see cref="FromElement"/>, with any string the reader did not expect to be unreadable (half a surrogate pair
    /// in a nested key) answered as an error on the whole definition rather than a crash.
    /// </summary>
    private static ParseOutcome<TaskDefinition> Guarded(JsonElement element, string pathPrefix)
    {
        try
        {
            return FromElement(element, pathPrefix);
        }
        catch (InvalidOperationException)
        {
            return new(null, [new FieldError(pathPrefix.Length == 0 ? "$" : pathPrefix, "holds text that " + JsonFieldReader.NotUnicode)]);
        }
    }

    /// <summary>Reads one definition object; <paramref name="pathPrefix"/> prefixes field names in errors (e.g. <c>[2]</c>).</summary>
    public static ParseOutcome<TaskDefinition> FromElement(JsonElement element, string pathPrefix)
    {
        var reader = new JsonFieldReader(pathPrefix);
        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Fail("$", $"must be a JSON object holding a task definition, got {JsonFieldReader.Describe(element)}");
            return new ParseOutcome<TaskDefinition>(null, reader.Errors);
        }

        var definition = new TaskDefinition();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!HasUnicodeName(property))
            {
                reader.Fail("$", "a field name " + JsonFieldReader.NotUnicode);
                continue;
            }

            if (!seen.Add(property.Name))
            {
                reader.Fail(property.Name, "appears more than once");
                continue;
            }

            if (!FieldReaders.TryGetValue(property.Name, out var read))
            {
                reader.Fail(property.Name, $"is not a known field; allowed fields: {string.Join(", ", FieldReaders.Keys)}");
                continue;
            }

            definition = read(property.Value, reader, definition);
        }

        return new ParseOutcome<TaskDefinition>(definition, reader.Errors);
    }
}
