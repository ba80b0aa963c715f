namespace EasyTask.Scheduler.Security;

/// <summary>The console sign-in link standalone prints: the token rides in the fragment, which browsers never send to a server.</summary>
internal static class AdminTokenLink
{
    public static string For(string baseUrl, string? tokenFile) =>
        tokenFile is not null && File.Exists(tokenFile)
            ? $"{baseUrl.TrimEnd('/')}/login#token={File.ReadAllText(tokenFile).Trim()}"
            : $"{baseUrl.TrimEnd('/')}/login";
}
