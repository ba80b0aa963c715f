namespace EasyTask.Scheduler.Api;

/// <summary>Who made a change, for the audit columns: the caller may say (the CLI sends user, host and file), else the remote address.</summary>
internal static class ChangeSource
{
    public const string Header = "X-EasyTask-Source";

    private const int MaxLength = 200;

    public static string Of(HttpRequest request)
    {
        var declared = request.Headers[Header].ToString().Trim();
        var remote = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var source = declared.Length > 0 ? $"{declared} via api from {remote}" : $"api from {remote}";
        return source.Length <= MaxLength ? source : source[..MaxLength];
    }
}
