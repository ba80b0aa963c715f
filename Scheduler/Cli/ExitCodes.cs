namespace EasyTask.Scheduler.Cli;

/// <summary>Process exit codes of the CLI, stable for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Ok = 0;

    /// <summary>The server refused the request or could not be reached.</summary>
    public const int ServerRefused = 1;

    /// <summary>The input (a definition file, an argument) is invalid.</summary>
    public const int InvalidInput = 2;
}
