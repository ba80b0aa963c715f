using System.Globalization;
using System.Reflection;

namespace EasyTask.Scheduler.Storage;

/// <summary>The schema scripts shipped inside the binary, read from its embedded resources.</summary>
internal static class SchemaScripts
{
    /// <summary>The scripts of one provider folder (<c>sqlite</c>, <c>postgres</c>, <c>sqlserver</c>), in version order.</summary>
    public static IReadOnlyList<SchemaScript> Load(string folder) => Load(typeof(SchemaScripts).Assembly, folder);

    internal static IReadOnlyList<SchemaScript> Load(Assembly assembly, string folder)
    {
        var prefix = $"sql/{folder}/";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // The csproj builds the name from %(RecursiveDir), which holds a backslash when built on Windows.
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var file = name[prefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"embedded schema script {resource} cannot be read");
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(VersionOf(file), file, reader.ReadToEnd()));
        }

        var clash = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"schema scripts {string.Join(" and ", clash.Select(s => s.Name))} in {folder} share version {clash.Key}; give each a new number");
        }

        return scripts.OrderBy(s => s.Version).ToList();
    }

    /// <summary>The number a script's file name starts with: <c>002_run_indexes.sql</c> is version 2.</summary>
    public static int VersionOf(string fileName)
    {
        var digits = new string(fileName.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            throw new InvalidOperationException($"schema script {fileName} must start with its version number, e.g. 002_run_indexes.sql");
        }

        return version;
    }
}
