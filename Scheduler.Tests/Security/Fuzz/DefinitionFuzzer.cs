using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EasyTask.Scheduler.Tests.Security.Fuzz;

/// <summary>
/// Generates task definitions and calendars from a seed: valid ones (unicode, longest values, every optional field) and
/// broken ones (missing fields, wrong types, nulls, huge strings, bad characters, out-of-range numbers, deep nesting,
/// duplicate keys, unknown fields, bad references, not JSON at all). The same seed gives the same inputs.
/// </summary>
internal sealed partial class DefinitionFuzzer
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random random;
    private readonly FuzzText text;
    private readonly string prefix;
    private readonly long firstTid;
    private int next;

    /// <param name="seed">The seed: the same one gives the same inputs.</param>
    /// <param name="prefix">Starts every generated name, so two fuzzers (API, folder) never clash.</param>
    /// <param name="firstTid">The first tid handed out; each input takes the next.</param>
    /// <param name="baseTasks">Tasks that exist before the run: valid inputs may depend on them, broken ones clash with them.</param>
    /// <param name="baseCalendars">Calendars that exist before the run, for valid inputs to name.</param>
    public DefinitionFuzzer(int seed, string prefix, long firstTid, IReadOnlyList<(long Tid, string Name)> baseTasks, IReadOnlyList<string> baseCalendars)
    {
        random = new Random(seed);
        text = new FuzzText(random);
        this.prefix = prefix;
        this.firstTid = firstTid;
        BaseTasks = baseTasks;
        BaseCalendars = baseCalendars;
    }

    public IReadOnlyList<(long Tid, string Name)> BaseTasks { get; }

    public IReadOnlyList<string> BaseCalendars { get; }

    /// <summary>The next input for the API: one definition or one calendar (one in five).</summary>
    public FuzzCase NextRequest()
    {
        var index = next;
        if (random.Next(5) == 0)
        {
            var calendar = NextCalendar();
            return new FuzzCase(index, true, calendar.Class, calendar.Expectation, [calendar.Name], calendar.Bytes);
        }

        var item = random.Next(20) == 0 ? NotAnObject() : NextTask();
        return new FuzzCase(index, false, item.Class, item.Expectation, [item.Name], item.Bytes);
    }

    /// <summary>The next watched-folder file: a calendar, or one to five definitions (alone or in an array), or a file that is not JSON at all.</summary>
    public FuzzCase NextFile()
    {
        var index = next;
        if (random.Next(5) == 0)
        {
            var calendar = NextCalendar();
            return new FuzzCase(index, true, calendar.Class, calendar.Expectation, [calendar.Name], calendar.Bytes);
        }

        if (random.Next(20) == 0)
        {
            var junk = NotAnObject();
            return new FuzzCase(index, false, junk.Class, junk.Expectation, [junk.Name], junk.Bytes);
        }

        var count = random.Next(1, 6);
        var items = Enumerable.Range(0, count).Select(_ => random.Next(3) == 0 ? NextTask() : Valid()).ToList();
        var json = count == 1 && random.Next(2) == 0 ? items[0].Json : "[" + string.Join(",\n", items.Select(i => i.Json)) + "]";
        var broken = items.FirstOrDefault(i => i.Expectation == FuzzExpectation.Rejected);
        var expectation = broken is not null ? FuzzExpectation.Rejected
            : items.Any(i => i.Expectation == FuzzExpectation.Either) ? FuzzExpectation.Either : FuzzExpectation.Accepted;
        var kind = broken?.Class ?? items.FirstOrDefault(i => i.Expectation == FuzzExpectation.Either)?.Class ?? items.FirstOrDefault(i => i.Class != "valid")?.Class ?? "valid";
        return new FuzzCase(index, false, kind, expectation, items.Select(i => i.Name).ToList(), Encoding.UTF8.GetBytes(json));
    }

    /// <summary>A tid and a name nobody else uses.</summary>
    private (long Tid, string Name) NewIdentity()
    {
        var index = next++;
        return (firstTid + index, $"{prefix}{index:D5}");
    }

    private static string Write(JsonNode node, bool relaxed) => relaxed ? node.ToJsonString(Relaxed) : node.ToJsonString();

    private static JsonNode Number(string literal) => JsonNode.Parse(literal)!;
}
