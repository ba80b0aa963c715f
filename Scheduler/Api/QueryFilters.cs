using System.Globalization;

namespace EasyTask.Scheduler.Api;

/// <summary>The query parameters several list endpoints share, each refused with a problem naming it.</summary>
internal static class QueryFilters
{
    /// <summary><c>since</c>: a duration back from now (<c>30m</c>, <c>24h</c>, <c>7d</c>) or an ISO 8601 instant.</summary>
    public static IResult? Since(HttpRequest request, TimeProvider time, out DateTimeOffset? since)
    {
        since = null;
        var text = request.Query["since"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (Durations.TryParse(text, out var window))
        {
            since = time.GetUtcNow() - window;
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            since = instant;
            return null;
        }

        return ApiProblems.Invalid("since", $"\"{text}\" is neither a duration (30m, 24h, 7d) nor an ISO 8601 time");
    }

    /// <summary><c>limit</c>: 1 to 10000.</summary>
    public static IResult? Limit(HttpRequest request, int fallback, out int limit)
    {
        limit = fallback;
        var text = request.Query["limit"].ToString();
        if (text.Length > 0 && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            return ApiProblems.Invalid("limit", $"must be a whole number from 1 to 10000, got \"{text}\"");
        }

        return null;
    }
}
