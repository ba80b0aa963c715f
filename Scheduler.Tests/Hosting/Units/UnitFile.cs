using System.Globalization;

namespace EasyTask.Scheduler.Tests.Hosting.Units;

/// <summary>The <c>[Service]</c> settings of a systemd unit file, read the way systemd reads them (a repeated key adds to the list).</summary>
internal sealed class UnitFile
{
    private readonly Dictionary<string, List<string>> settings;

    private UnitFile(string path, Dictionary<string, List<string>> settings)
    {
        Path = path;
        this.settings = settings;
    }

    public string Path { get; }

    public static UnitFile Read(string path)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var section = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section != "Service" || equals < 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            if (!settings.TryGetValue(key, out var values))
            {
                settings[key] = values = [];
            }

            values.Add(line[(equals + 1)..].Trim());
        }

        return new UnitFile(path, settings);
    }

    /// <summary>The last value of a key (systemd's rule for single-valued settings), or null.</summary>
    public string? Get(string key) => settings.TryGetValue(key, out var values) ? values[^1] : null;

    /// <summary>A key systemd needs for this test; fails naming the unit and the key when it is missing.</summary>
    public string Require(string key) =>
        Get(key) ?? throw new InvalidOperationException($"{Path}: [Service] has no {key}=");

    /// <summary>Every space-separated entry of every occurrence of a list setting (<c>StateDirectory=a b</c>).</summary>
    public IReadOnlyList<string> List(string key) =>
        settings.TryGetValue(key, out var values)
            ? values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList()
            : [];

    /// <summary>A time span setting such as <c>TimeoutStopSec=90s</c>, <c>1min 30s</c> or a bare number of seconds.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var value = Get(key);
        if (value is null)
        {
            return fallback;
        }

        var total = TimeSpan.Zero;
        foreach (var part in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var digits = new string(part.TakeWhile(char.IsDigit).ToArray());
            var unit = part[digits.Length..];
            var number = double.Parse(digits, CultureInfo.InvariantCulture);
            total += unit switch
            {
                "" or "s" or "sec" => TimeSpan.FromSeconds(number),
                "ms" or "msec" => TimeSpan.FromMilliseconds(number),
                "m" or "min" => TimeSpan.FromMinutes(number),
                "h" or "hr" => TimeSpan.FromHours(number),
                _ => throw new FormatException($"{Path}: {key}={value}: unit \"{unit}\" is not understood by this test"),
            };
        }

        return total;
    }
}
