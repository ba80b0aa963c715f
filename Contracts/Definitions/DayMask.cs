namespace EasyTask.Contracts.Definitions;

/// <summary>The <c>day_of_week</c> form: seven 0/1 flags, Monday first (<c>1111100</c> = weekdays).</summary>
public static class DayMask
{
    /// <summary>Checks the mask; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool IsValid(string mask, out string? problem)
    {
        problem = mask.Length != 7 || mask.Any(c => c is not ('0' or '1'))
            ? $"must be exactly 7 flags of 0 or 1, Monday first (1111100 = Monday to Friday), got \"{mask}\""
            : !mask.Contains('1', StringComparison.Ordinal)
                ? "must allow at least one day (0000000 would never run; set \"active\": false to stop a task)"
                : null;
        return problem is null;
    }

    /// <summary>True when the mask allows the given day.</summary>
    public static bool Allows(string mask, DayOfWeek day)
    {
        // .NET counts from Sunday = 0; the mask starts on Monday.
        var index = ((int)day + 6) % 7;
        return mask[index] == '1';
    }
}
