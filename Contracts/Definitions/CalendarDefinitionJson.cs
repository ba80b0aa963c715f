using System.Globalization;
using System.Text.Json;

namespace EasyTask.Contracts.Definitions;

/// <summary>Strict reading and validation of calendar JSON: <c>{ "name", "description", "dates": ["YYYY-MM-DD", ...] }</c>.</summary>
public static class CalendarDefinitionJson
{
    /// <summary>Reads and validates one calendar, reporting every problem with its field.</summary>
    public static ParseOutcome<CalendarDefinition> Check(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonChars)
        {
            // Refused before parsing: a 1,000,000-date calendar costs nothing but this comparison.
            return new(null, [new FieldError("dates", $"a calendar must hold at most {MaxDates} dates; this one is {json.Length / 1024} KiB of JSON (10000 dates take about 140 KiB)")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, TaskDefinitionJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new(null, [TaskDefinitionJson.MalformedJson(ex)]);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // Half a surrogate pair where no field reader looked (every field reader reports it itself).
                return new(null, [new FieldError("$", "holds text that " + JsonFieldReader.NotUnicode)]);
            }
        }
    }

    /// <summary>Writes a calendar as indented JSON.</summary>
    public static string Serialize(CalendarDefinition calendar) => JsonSerializer.Serialize(
        new { name = calendar.Name, description = calendar.Description, dates = calendar.Dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) },
        TaskDefinitionJson.WriteOptions);

    private static ParseOutcome<CalendarDefinition> Read(JsonElement root)
    {
        var reader = new JsonFieldReader("");
        if (root.ValueKind != JsonValueKind.Object)
        {
            reader.Fail("$", $"must be a JSON object holding a calendar, got {JsonFieldReader.Describe(root)}");
            return new(null, reader.Errors);
        }

        var calendar = new CalendarDefinition();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!TaskDefinitionJson.HasUnicodeName(property))
            {
                reader.Fail("$", "a field name " + JsonFieldReader.NotUnicode);
                continue;
            }

            if (!seen.Add(property.Name))
            {
                reader.Fail(property.Name, "appears more than once");
                continue;
            }

            calendar = property.Name switch
            {
                "name" => reader.String(property.Value, "name") is { } name ? calendar with { Name = name } : calendar,
                "description" => property.Value.ValueKind == JsonValueKind.Null ? calendar
                    : reader.String(property.Value, "description") is { } text ? calendar with { Description = text } : calendar,
                "dates" => calendar with { Dates = ReadDates(property.Value, reader) },
                _ => UnknownField(reader, property.Name, calendar),
            };
        }

        var errors = new List<FieldError>(reader.Errors);
        if (!errors.Any(e => e.Field == "name"))
        {
            TaskDefinitionValidator.CheckName(calendar.Name, "name", required: true, FieldLimits.Name, errors);
            if (BuiltInCalendars.Names.Contains(calendar.Name))
            {
                errors.Add(new("name", $"\"{calendar.Name}\" is a built-in calendar and cannot be redefined"));
            }
        }

        if (!errors.Any(e => e.Field == "description"))
        {
            TaskDefinitionValidator.CheckText(calendar.Description, "description", FieldLimits.Description, errors);
        }

        return new(calendar, errors);
    }

    private static CalendarDefinition UnknownField(JsonFieldReader reader, string field, CalendarDefinition calendar)
    {
        reader.Fail(field, "is not a known field; allowed fields: name, description, dates");
        return calendar;
    }

    /// <summary>The most dates one calendar may list (about 27 years of every day).</summary>
    public const int MaxDates = FieldLimits.CalendarDates;

    /// <summary>Calendar JSON longer than this cannot be a valid calendar (even with descriptions and indentation) and is refused unparsed.</summary>
    public const int MaxJsonChars = 1024 * 1024;

    private static List<DateOnly> ReadDates(JsonElement value, JsonFieldReader reader)
    {
        var dates = new List<DateOnly>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Fail("dates", $"must be an array of \"YYYY-MM-DD\" strings, got {JsonFieldReader.Describe(value)}");
            return dates;
        }

        if (value.GetArrayLength() > MaxDates)
        {
            reader.Fail("dates", $"must hold at most {MaxDates} dates, got {value.GetArrayLength()}");
            return dates;
        }

        var seen = new HashSet<DateOnly>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"dates[{index++}]";
            if (reader.String(item, field) is not { } text)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reader.Fail(field, $"must be a date as YYYY-MM-DD, got \"{text}\"");
            }
            else if (!seen.Add(date))
            {
                reader.Fail(field, $"{text} is listed more than once");
            }
            else
            {
                dates.Add(date);
            }
        }

        dates.Sort();
        return dates;
    }
}
