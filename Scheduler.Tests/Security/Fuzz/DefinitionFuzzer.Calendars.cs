using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Security.Fuzz;

internal sealed partial class DefinitionFuzzer
{
    /// <summary>A valid calendar (one in two), or one broken in one way.</summary>
    private FuzzItem NextCalendar()
    {
        var (_, name) = NewIdentity();
        var calendar = new JsonObject
        {
            ["name"] = name,
            ["description"] = text.Prose(random.Next(0, 200)),
            ["dates"] = Dates(random.Next(1, 60)),
        };
        var roll = random.Next(24);
        switch (roll)
        {
            case < 10:
                return new(Write(calendar, random.Next(2) == 0), "valid", FuzzExpectation.Accepted, name);
            case 10:
                var longest = text.Name(name, FieldLimits.Name);
                calendar["name"] = longest;
                calendar["description"] = text.ProseOfLength(FieldLimits.Description);
                calendar["dates"] = random.Next(10) == 0 ? Dates(FieldLimits.CalendarDates) : Dates(100);
                return new(Write(calendar, random.Next(2) == 0), "valid-longest", FuzzExpectation.Accepted, longest);
            case 11:
                calendar["dates"] = Dates(FieldLimits.CalendarDates + 1 + random.Next(3));
                return Calendar(calendar, name, "huge-string");
            case 12:
                calendar["dates"] = new JsonArray(text.Pick(["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "", "2026-01-01T00:00:00", "0000-01-01", "１２３４-01-01"]));
                return Calendar(calendar, name, "bad-value");
            case 13:
                calendar["dates"] = random.Next(2) == 0 ? (JsonNode)text.Pick(["2026-01-01", "x"]) : new JsonArray(20260101);
                return Calendar(calendar, name, "wrong-type");
            case 14:
                calendar[text.Pick(["name", "description"])] = random.Next(2) == 0 ? 5 : new JsonArray("a");
                return Calendar(calendar, name, "wrong-type");
            case 15:
                calendar["name"] = text.Spoil(name, text.Pick(FuzzText.NotInNames));
                return Calendar(calendar, name, "bad-characters");
            case 16:
                calendar[text.Pick(["name", "description"])] = text.Name(name, random.Next(FieldLimits.Description + 1, 20_000));
                return Calendar(calendar, name, "huge-string");
            case 17:
                calendar.Remove("name");
                return Calendar(calendar, name, "missing-required");
            case 18:
                var nullable = text.Pick(["name", "description", "dates"]);
                calendar[nullable] = null;
                return Calendar(calendar, name, "null", nullable == "name" ? FuzzExpectation.Rejected : FuzzExpectation.Either);
            case 19:
                var json = Write(calendar, relaxed: false);
                return new(json[..^1] + $",\"{text.Pick(["name", "dates"])}\":\"x\"}}", "duplicate-key", FuzzExpectation.Rejected, name);
            case 20:
                calendar[text.Pick(["holidays", "Name", "dates "])] = 1;
                return Calendar(calendar, name, "unknown-field");
            case 21:
                calendar["dates"] = "NESTED";
                var depth = text.Pick([64, 65, 5000]);
                return new(Write(calendar, relaxed: false).Replace("\"NESTED\"", new string('[', depth) + new string(']', depth), StringComparison.Ordinal),
                    "deep-nesting", FuzzExpectation.Rejected, name);
            case 22:
                var twice = Dates(5);
                twice.Add(twice[0]!.DeepClone());
                calendar["dates"] = twice;
                return Calendar(calendar, name, "duplicate-dates", FuzzExpectation.Either);
            default:
                calendar["description"] = random.Next(3) == 0 ? text.Spoil("nul inside", "\0") : text.Prose(100, controls: true);
                return Calendar(calendar, name, "control-characters", calendar["description"]!.GetValue<string>().Contains('\0', StringComparison.Ordinal) ? FuzzExpectation.Rejected : FuzzExpectation.Either);
        }
    }

    private FuzzItem Calendar(JsonObject calendar, string name, string kind, FuzzExpectation expectation = FuzzExpectation.Rejected) =>
        new(Write(calendar, random.Next(2) == 0), kind, expectation, name);

    private JsonArray Dates(int count)
    {
        var start = new DateOnly(1990, 1, 1).AddDays(random.Next(0, 20_000));
        var step = random.Next(1, 4);
        var dates = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            dates.Add(start.AddDays(i * step).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return dates;
    }

    /// <summary>A body that is not a definition object at all: other JSON values, broken JSON, not UTF-8.</summary>
    private FuzzItem NotAnObject()
    {
        var (_, name) = NewIdentity();
        string[] bodies =
        [
            "", " ", "null", "0", "-1", "\"text\"", "true", "[]", "[{}]", "[[]]", "{}", "{", "}", "{\"tid\":", "{\"tid\": 1,}", "}{", "{\"tid\":1}{\"tid\":2}",
            "{'tid': 1}", "{tid: 1}", "NaN", "Infinity", "\u0000", "{\"name\": \"" + name + "\"} trailing", "/* only a comment */", "<task/>", "\ufeff",
        ];
        var roll = random.Next(bodies.Length + 2);
        if (roll < bodies.Length)
        {
            return new(bodies[roll], "not-an-object", FuzzExpectation.Rejected, name);
        }

        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        if (roll == bodies.Length)
        {
            // A valid-looking object whose name is not UTF-8.
            bytes = [.. Encoding.UTF8.GetBytes("{\"tid\": 1, \"name\": \"" + name), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\", \"cmd\": \"x\", \"run_on_host\": \"h\"}")];
        }

        return new("", "not-utf8", FuzzExpectation.Rejected, name, bytes);
    }
}
