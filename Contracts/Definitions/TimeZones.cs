namespace EasyTask.Contracts.Definitions;

/// <summary>Resolves the time zone ids definitions use: IANA ids and their legacy aliases (<c>US/Eastern</c>).</summary>
public static class TimeZones
{
    /// <summary>Finds the zone, or returns false when the id is unknown on this machine.</summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Trim() != id)
        {
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }

        return false;
    }
}
