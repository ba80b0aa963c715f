using Cronos;

namespace EasyTask.Contracts.Definitions;

/// <summary>The <c>cron</c> form: Cronos syntax, 5 fields or 6 with seconds first.</summary>
public static class CronText
{
    /// <summary>Parses the expression; on failure <paramref name="problem"/> carries the parser's reason.</summary>
    public static bool TryParse(string text, out CronExpression? expression, out string? problem)
    {
        expression = null;
        problem = null;
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6) && !text.TrimStart().StartsWith('@'))
        {
            problem = $"must have 5 fields (minute hour day month weekday) or 6 with seconds first, got {fields}";
            return false;
        }

        try
        {
            expression = CronExpression.Parse(text.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException ex)
        {
            problem = $"is not a valid cron expression: {ex.Message}";
            return false;
        }
    }
}
