using EasyTask.Scheduler.Cli;

namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>What one <c>easytask ...</c> invocation printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the CLI in-process exactly as the executable would, capturing both streams.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        // A scheduler the tests started has an admin token: send it, as an operator would with --token.
        var server = Array.IndexOf(args, "--server");
        if (server >= 0 && server + 1 < args.Length && !args.Contains("--token") && TestTokens.ForServer(args[server + 1]) is { } token)
        {
            args = [.. args, "--token", token];
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
