using System.Text.RegularExpressions;

namespace EasyTask.Scheduler.Api.Logs;

/// <summary>ANSI escape sequences (colours, cursor moves) that the console renders but a search must look through.</summary>
internal static partial class AnsiCodes
{
    public static string Strip(string text) => Sequence().Replace(text, "");

    [GeneratedRegex(@"\u001b\[[0-9;?]*[ -/]*[@-~]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Sequence();
}
