using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary>Runs a verb's body and turns the failures users must read into a message and an exit code.</summary>
internal static class CliAction
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            var context = new CliContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            CliCredentials.FromCommandLine = parse.GetValue<string?>(CliCredentials.TokenOptionName);
            try
            {
                return await body(parse, context, ct);
            }
            catch (CliException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}");
                return ex.ExitCode;
            }
        });
}

/// <summary>Where a verb writes: normal output and errors.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error);
