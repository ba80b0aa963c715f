using System.Net;

namespace EasyTask.Scheduler.Security;

/// <summary>Whether listen URLs stay on this machine: with auth off, EasyTask refuses anything else unless told <c>--insecure-no-auth</c>.</summary>
internal static class ListenGuard
{
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> urls) =>
        urls.Where(u => !IsLoopback(u)).ToList();

    public static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcard hosts (*, +) that Uri cannot parse; they listen everywhere.
        var host = url.Contains("://*", StringComparison.Ordinal) || url.Contains("://+", StringComparison.Ordinal)
            ? "*"
            : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "*";
        host = host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The Host header values to accept by default: loopback names plus the named hosts of the listen URLs; '*' when one is a wildcard.</summary>
    public static string DefaultAllowedHosts(IEnumerable<string> urls)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in urls)
        {
            if (url.Contains("://*", StringComparison.Ordinal) || url.Contains("://+", StringComparison.Ordinal)
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host is "0.0.0.0" or "[::]")
            {
                return "*";
            }

            hosts.Add(uri.Host);
        }

        return string.Join(';', hosts.Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
