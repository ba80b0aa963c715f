using System.Globalization;
using EasyTask.Agent.Execution;

namespace EasyTask.Agent.Tests.Support;

/// <summary>Reads pids that test commands wrote, and tells whether those processes still live (a zombie is dead).</summary>
internal static class ProcessProbe
{
    public static async Task<int> ReadPidAsync(string file)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (File.Exists(file) && int.TryParse((await File.ReadAllTextAsync(file)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{file} never held a pid");
    }

    public static bool IsAlive(int pid) => ProcStat.Read(pid) is { IsAlive: true };

    /// <summary>Gives a dying process a moment: the kernel tears it down just after the signal.</summary>
    public static async Task<bool> IsGoneSoonAsync(int pid)
    {
        for (var i = 0; i < 200 && IsAlive(pid); i++)
        {
            await Task.Delay(10);
        }

        return !IsAlive(pid);
    }
}
