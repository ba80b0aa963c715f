namespace EasyTask.Scheduler.Cli;

/// <summary>A verb failed in a way the user must read: the message is printed and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
