using System.Text.Json;

namespace EasyTask.Contracts.Definitions;

public static partial class TaskDefinitionJson
{
    private static List<int>? ReadExitCodes(JsonElement value, JsonFieldReader reader)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Fail("retry_on_exit_codes", $"must be an array of return codes such as [1, 75], got {JsonFieldReader.Describe(value)}");
            return null;
        }

        var codes = new List<int>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (reader.Int32(item, $"retry_on_exit_codes[{index++}]", "a return code from 1 to 255") is { } code)
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    private static TaskNotify? ReadNotify(JsonElement value, JsonFieldReader reader)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            reader.Fail("notify", $"must be an object {{\"channels\": [NAME, ...], \"on\": [KIND, ...]}}, got {JsonFieldReader.Describe(value)}");
            return null;
        }

        var notify = new TaskNotify();
        foreach (var property in value.EnumerateObject())
        {
            var path = $"notify.{property.Name}";
            switch (property.Name)
            {
                case "channels":
                    notify = ReadNames(property.Value, path, reader) is { } channels ? notify with { Channels = channels } : notify;
                    break;
                case "on":
                    notify = ReadNames(property.Value, path, reader) is { } kinds ? notify with { On = kinds } : notify;
                    break;
                default:
                    reader.Fail(path, "is not a known field; allowed fields: channels, on");
                    break;
            }
        }

        return notify;
    }

    private static List<string>? ReadNames(JsonElement value, string path, JsonFieldReader reader)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Fail(path, $"must be an array of names, got {JsonFieldReader.Describe(value)}");
            return null;
        }

        var names = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (reader.String(item, $"{path}[{index++}]") is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
