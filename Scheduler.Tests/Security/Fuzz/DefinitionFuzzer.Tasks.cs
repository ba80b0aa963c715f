using System.Text.Json.Nodes;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Security.Fuzz;

internal sealed partial class DefinitionFuzzer
{
    private static readonly string[] Zones = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "US/Eastern", "Pacific/Chatham"];
    private static readonly string[] Owners = ["batch", "etl", "svc_app", "CORP\\svc-etl", "user@EXAMPLE.COM", "host01$"];
    private static readonly string[] RequiredFields = ["tid", "name", "cmd", "run_on_host"];
    private static readonly string[] OptionalStrings = ["description", "task_owner", "calendar", "group", "cron", "trigger_times", "working_dir", "stdout", "stderr"];
    private static readonly string[] NameFields = ["name", "run_on_host", "group", "instance", "task_owner"];

    /// <summary>A valid definition (two in five), or one broken in one way.</summary>
    private FuzzItem NextTask() => random.Next(12) switch
    {
        < 5 => Valid(),
        5 => MissingRequired(),
        6 => WrongType(),
        7 => random.Next(2) == 0 ? NullField() : HugeString(),
        8 => random.Next(2) == 0 ? BadCharacters() : OutOfRange(),
        9 => random.Next(3) switch { 0 => DeepNesting(), 1 => DuplicateKey(), _ => UnknownField() },
        10 => random.Next(2) == 0 ? BadReference() : BadValue(),
        _ => random.Next(2) == 0 ? ControlCharacters() : LoneSurrogate(),
    };

    private FuzzItem Valid()
    {
        var (tid, name) = NewIdentity();
        // Rare: each is a few hundred KiB of JSON (cmd and an env value of 32,767 characters), and the fuzz must stay quick.
        if (random.Next(30) == 0)
        {
            var longest = text.Name(name, FieldLimits.Name);
            return new(Write(Longest(tid, longest), random.Next(2) == 0), "valid-longest", FuzzExpectation.Accepted, longest);
        }

        var kind = random.Next(3) == 0 ? "valid-unicode" : "valid";
        var definition = Definition(tid, name);
        if (kind == "valid-unicode")
        {
            definition["description"] = text.Prose(random.Next(1, FieldLimits.Description + 1));
            definition["cmd"] = "printf '%s' '" + text.Prose(random.Next(1, 500)) + "'";
        }

        return new(Write(definition, random.Next(2) == 0), kind, FuzzExpectation.Accepted, name);
    }

    /// <summary>A valid definition with a random choice of the optional fields.</summary>
    private JsonObject Definition(long tid, string name)
    {
        var definition = new JsonObject
        {
            ["tid"] = tid,
            ["name"] = name,
            ["cmd"] = random.Next(3) == 0 ? text.Prose(200) : $"echo {name} && sleep {random.Next(5)}",
            ["run_on_host"] = text.Name("host-", random.Next(6, 40)),
        };
        Maybe(definition, "task_owner", () => text.Pick(Owners));
        Maybe(definition, "max_run_time", () => random.Next(0, TaskDefinitionValidator.MaxRunTimeSeconds + 1));
        Maybe(definition, "description", () => text.Prose(random.Next(0, 300)));
        Maybe(definition, "retry_attempts", () => random.Next(0, 101));
        Maybe(definition, "retry_delay", () => random.Next(0, 86_401));
        Maybe(definition, "priority", () => random.Next(0, 101));
        Maybe(definition, "timezone", () => text.Pick(Zones));
        Maybe(definition, "calendar", () => text.Pick(BaseCalendars));
        Maybe(definition, "instance", () => text.Name("i", random.Next(1, 20)));
        Maybe(definition, "group", () => text.Name("g", random.Next(1, 30)));
        Maybe(definition, "misfire_grace", () => random.Next(0, 100_000));
        Maybe(definition, "concurrency", () => text.Pick(ConcurrencyPolicy.All));
        Maybe(definition, "retry_on_exit_codes", () => new JsonArray(random.Next(1, 256), random.Next(1, 256)));
        Maybe(definition, "late_after", () => random.Next(1, 604_801));
        Maybe(definition, "expected_duration", () => random.Next(1, 604_801));
        Maybe(definition, "stdout", () => $"logs/{name}.out");
        Maybe(definition, "working_dir", () => "/var/tmp/" + text.Prose(30));
        Maybe(definition, "env", () => new JsonObject { ["GREETING"] = text.Prose(50), ["_X1"] = "" });
        Maybe(definition, "depends_on", () => new JsonArray(
            JsonValue.Create(BaseTasks[0].Name), new JsonObject { ["task"] = BaseTasks[1].Name, ["on"] = text.Pick(DependencyCondition.All) }));

        // Active tasks fire once a year, far from any test run, so the fuzz run never dispatches.
        var active = random.Next(3) == 0;
        definition["active"] = active;
        if (active || random.Next(2) == 0)
        {
            definition["cron"] = "0 4 1 7 *";
        }
        else
        {
            definition["trigger_times"] = $"{random.Next(24):D2}:{random.Next(60):D2}";
            definition["day_of_week"] = random.Next(2) == 0 ? "1111100" : "0000011";
        }

        return definition;
    }

    /// <summary>Every string field at its longest allowed value.</summary>
    private JsonObject Longest(long tid, string name)
    {
        var definition = Definition(tid, name);
        definition["run_on_host"] = text.Name("h", FieldLimits.RunOnHost);
        definition["instance"] = text.Name("i", FieldLimits.Instance);
        definition["group"] = text.Name("g", FieldLimits.Group);
        definition["task_owner"] = text.Name("o", FieldLimits.TaskOwner - 1) + "$";
        definition["description"] = text.ProseOfLength(FieldLimits.Description);
        definition["cmd"] = text.ProseOfLength(FieldLimits.Cmd);
        definition["stdout"] = text.Name("o", FieldLimits.OutputFile - 1) + "g";
        definition["working_dir"] = "/" + text.Name("w", FieldLimits.WorkingDir - 1);
        definition["env"] = new JsonObject { [text.Identifier("V", FieldLimits.EnvName)] = text.ProseOfLength(FieldLimits.EnvValue) };
        return definition;
    }

    private void Maybe(JsonObject definition, string field, Func<JsonNode?> value)
    {
        if (random.Next(2) == 0)
        {
            definition[field] = value();
        }
    }

    private (JsonObject Definition, string Name) Fresh()
    {
        var (tid, name) = NewIdentity();
        return (Definition(tid, name), name);
    }

    private FuzzItem Broken(JsonObject definition, string name, string kind, FuzzExpectation expectation = FuzzExpectation.Rejected) =>
        new(Write(definition, random.Next(2) == 0), kind, expectation, name);

    private FuzzItem MissingRequired()
    {
        var (definition, name) = Fresh();
        definition.Remove(text.Pick(RequiredFields));
        return Broken(definition, name, "missing-required");
    }

    private FuzzItem WrongType()
    {
        var (definition, name) = Fresh();
        JsonNode?[] strings = [12, true, new JsonArray("a"), new JsonObject { ["a"] = 1 }, 1.5];
        JsonNode?[] numbers = ["12", true, new JsonArray(1), new JsonObject(), "1e3", ""];
        var field = text.Pick(["tid", "name", "cmd", "run_on_host", "max_run_time", "retry_attempts", "priority", "active", "env", "depends_on", "description", "timezone", "retry_on_exit_codes", "notify", "day_of_week"]);
        definition[field] = field switch
        {
            "tid" or "max_run_time" or "retry_attempts" or "priority" => numbers[random.Next(numbers.Length)]?.DeepClone(),
            "active" => text.Pick(["true", "1", "yes"]),
            "env" => random.Next(2) == 0 ? "A=B" : new JsonArray("A=B"),
            "depends_on" => random.Next(2) == 0 ? "other" : new JsonArray(5),
            "retry_on_exit_codes" => random.Next(2) == 0 ? new JsonArray("1") : new JsonObject(),
            "notify" => random.Next(2) == 0 ? "ops" : new JsonArray("ops"),
            _ => strings[random.Next(strings.Length)]?.DeepClone(),
        };
        return Broken(definition, name, "wrong-type");
    }

    private FuzzItem NullField()
    {
        var (definition, name) = Fresh();
        var required = random.Next(2) == 0;
        definition[required ? text.Pick(RequiredFields) : text.Pick(OptionalStrings)] = null;
        return Broken(definition, name, "null", required ? FuzzExpectation.Rejected : FuzzExpectation.Either);
    }

    private FuzzItem HugeString()
    {
        var (definition, name) = Fresh();
        (string Field, int Limit)[] fields =
        [
            ("name", FieldLimits.Name), ("run_on_host", FieldLimits.RunOnHost), ("description", FieldLimits.Description), ("group", FieldLimits.Group),
            ("instance", FieldLimits.Instance), ("stdout", FieldLimits.OutputFile), ("cmd", FieldLimits.Cmd), ("working_dir", FieldLimits.WorkingDir),
            ("env", FieldLimits.EnvValue), ("task_owner", FieldLimits.TaskOwner), ("cron", FieldLimits.Cron),
        ];
        var (field, limit) = fields[random.Next(fields.Length)];

        // Just over the limit, or far over it (up to 1.5 MiB, beyond the request size limit).
        var length = random.Next(4) == 0 ? random.Next(limit + 1, 1_500_000) : limit + 1 + random.Next(3);
        // Over the limit in code points too (how the validator and JSON Schema count): BMP text only.
        var value = field is "description" or "cmd" or "env" or "working_dir" ? "/é" + new string('x', length - 2) : text.Name(field == "name" ? name : "x", length);
        definition[field] = field == "env" ? new JsonObject { ["BIG"] = value } : value;
        return Broken(definition, name, "huge-string");
    }

    private FuzzItem BadCharacters()
    {
        var (definition, name) = Fresh();
        var field = text.Pick(NameFields);
        var value = definition[field]?.GetValue<string>() ?? "abc";

        // An owner may hold a backslash (DOMAIN\user) and end in '$' (a machine account).
        var bad = text.Pick(FuzzText.NotInNames.Where(c => field != "task_owner" || c is not ("\\" or "$")).ToList());
        definition[field] = text.Spoil(value, bad);
        return Broken(definition, name, "bad-characters");
    }

    private FuzzItem OutOfRange()
    {
        var (definition, name) = Fresh();
        var field = text.Pick(["tid", "max_run_time", "retry_attempts", "priority", "retry_delay", "late_after", "expected_duration", "misfire_grace", "retry_on_exit_codes"]);
        var value = Number(field switch
        {
            "tid" => text.Pick(["0", "-1", "9223372036854775808", "1e30", "1.5", "-9223372036854775809"]),
            "max_run_time" => text.Pick(["-1", "2592001", "2147483647", "2147483648", "1e308", "0.5"]),
            "retry_attempts" or "priority" => text.Pick(["-1", "101", "4294967296", "1.0e400"]),
            "retry_delay" => text.Pick(["-5", "86401", "-2147483649"]),
            "late_after" or "expected_duration" => text.Pick(["0", "604801", "-1", "99999999999999999999"]),
            "misfire_grace" => text.Pick(["-1", "2147483648", "1.25"]),
            _ => text.Pick(["[0]", "[256]", "[-1]", "[1, 2147483648]"]),
        });
        definition[field] = value;
        return Broken(definition, name, "out-of-range");
    }

    private FuzzItem ControlCharacters()
    {
        var (definition, name) = Fresh();
        var nul = random.Next(4) == 0;
        var field = text.Pick(["description", "cmd", "working_dir", "env"]);
        var value = nul ? text.Spoil("text with a nul", "\0") : "x" + text.Prose(80, controls: true);
        definition[field] = field == "env" ? new JsonObject { ["CTRL"] = value } : value;
        return Broken(definition, name, nul ? "nul-character" : "control-characters", nul ? FuzzExpectation.Rejected : FuzzExpectation.Either);
    }

    /// <summary>A JSON escape for half a surrogate pair: valid JSON syntax, but not a valid string.</summary>
    private FuzzItem LoneSurrogate()
    {
        var (definition, name) = Fresh();
        var field = text.Pick(["description", "cmd", "name", "env"]);
        definition[field] = field == "env" ? new JsonObject { ["LONE"] = "LONE_SURROGATE" } : "LONE_SURROGATE";
        var json = Write(definition, relaxed: true).Replace("LONE_SURROGATE", text.Pick(["\\ud800", "a\\udfffb", "\\ud83d\\u0041"]), StringComparison.Ordinal);
        return new(json, "lone-surrogate", field == "name" ? FuzzExpectation.Rejected : FuzzExpectation.Either, name);
    }

    private FuzzItem DeepNesting()
    {
        var (definition, name) = Fresh();
        var levels = text.Pick([10, 63, 64, 65, 1000, 100_000]);
        var field = text.Pick(["env", "depends_on", "notify", "description"]);
        definition[field] = "NESTED";
        var nested = random.Next(2) == 0 ? new string('[', levels) + new string(']', levels) : string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);
        return new(Write(definition, relaxed: false).Replace("\"NESTED\"", nested, StringComparison.Ordinal), "deep-nesting", FuzzExpectation.Rejected, name);
    }

    private FuzzItem DuplicateKey()
    {
        var (definition, name) = Fresh();
        var json = Write(definition, relaxed: false);
        var field = text.Pick(["name", "tid", "cmd", "run_on_host", "active"]);
        var again = field switch { "tid" => "1", "active" => "true", "name" => $"\"{name}_twin\"", _ => "\"root\"" };
        return new(json[..^1] + $",\"{field}\":{again}}}", "duplicate-key", FuzzExpectation.Rejected, name);
    }

    private FuzzItem UnknownField()
    {
        var (definition, name) = Fresh();
        definition[text.Pick(["cmdd", "Name", "__proto__", "constructor", "run_as", "", "é", "name "])] = new JsonObject { ["x"] = 1 };
        return Broken(definition, name, "unknown-field");
    }

    private FuzzItem BadReference()
    {
        var (definition, name) = Fresh();
        switch (random.Next(5))
        {
            case 0: definition["depends_on"] = new JsonArray($"{name}_missing_upstream"); break;
            case 1: definition["depends_on"] = new JsonArray(name); break;
            case 2: definition["calendar"] = "NO_SUCH_CALENDAR"; break;
            case 3: definition["name"] = text.Pick(BaseTasks).Name; break;
            default: definition["tid"] = text.Pick(BaseTasks).Tid; break;
        }

        return Broken(definition, name, "bad-reference");
    }

    private FuzzItem BadValue()
    {
        var (definition, name) = Fresh();
        var (field, value) = random.Next(10) switch
        {
            0 => ("timezone", (JsonNode?)text.Pick(["Mars/Olympus", "", "UTC+25", "../../etc/localtime"])),
            1 => ("day_of_week", text.Pick(["0000000", "11111111", "1111x00", ""])),
            2 => ("trigger_times", text.Pick(["25:00", "8:30", "08:60", "", "08:30,", "noon"])),
            3 => ("cron", text.Pick(["* * *", "61 * * * *", "@sometimes", ""])),
            4 => ("concurrency", text.Pick(["maybe", "SKIP", ""])),
            5 => ("depends_on", new JsonArray(new JsonObject { ["task"] = BaseTasks[0].Name, ["on"] = "never" })),
            6 => ("stdout", text.Pick(["../escape.log", "/etc/passwd", "C:\\x.log", "logs/", "a|b", "con:"])),
            7 => ("env", new JsonObject { [text.Pick(["1BAD", "EASYTASK_RUN_ID", "A=B", "A B", ""])] = "x" }),
            8 => ("notify", new JsonObject { ["channels"] = new JsonArray(), ["on"] = new JsonArray("failure") }),
            _ => ("notify", new JsonObject { ["channels"] = new JsonArray("ops"), ["on"] = new JsonArray("bogus") }),
        };
        definition[field] = value;
        if (field == "cron")
        {
            definition.Remove("trigger_times");
        }

        return Broken(definition, name, "bad-value");
    }
}
