using System.Text.Json;

namespace EasyTask.Contracts.Definitions;

/// <summary>
/// Reads typed values out of JSON elements and records a <see cref="FieldError"/> instead of
/// throwing, so one pass over a document reports every problem at once.
/// </summary>
internal sealed class JsonFieldReader(string pathPrefix)
{
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public string PathOf(string field) => (pathPrefix.Length, field) switch
    {
        (0, _) => field,
        (_, "$") => pathPrefix,
        _ => $"{pathPrefix}.{field}",
    };

    public void Fail(string field, string message) => errors.Add(new FieldError(PathOf(field), message));

    public long? Int64(JsonElement value, string field, string allowed)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        Fail(field, $"must be {allowed}, got {Describe(value)}");
        return null;
    }

    public int? Int32(JsonElement value, string field, string allowed)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Fail(field, $"must be {allowed}, got {Describe(value)}");
        return null;
    }

    public string? String(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                Fail(field, NotUnicode);
                return null;
            }
        }

        Fail(field, $"must be a string, got {Describe(value)}");
        return null;
    }

    public bool? Boolean(JsonElement value, string field)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Fail(field, $"must be true or false, got {Describe(value)}");
        return null;
    }

    /// <summary>What a string holding half a surrogate pair (a lone <c>\\ud800</c> escape) is told: it cannot be stored or shown.</summary>
    public const string NotUnicode = "must be valid unicode text; it holds a \\u escape for half a surrogate pair (\\ud800-\\udfff alone)";

    /// <summary>Names the JSON type (and a short form of the value) for error messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(TextOf(value))}\"",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    private static string TextOf(JsonElement value)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText().Trim('"');
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
