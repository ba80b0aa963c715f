using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary>Runs a verb's body and turns the failures users must read into a message and an exit code.</summary>
internal static class CliAction
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            var context = new CliContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue<bool>(CliOptions.UtcOptionName));
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
            catch (ServerValidationException ex)
            {
                // The server named the bad value (400): that is the user's input, not a crash.
                foreach (var error in ex.Errors)
                {
                    await context.Error.WriteLineAsync($"error: {error.Field}: {error.Message}");
                }

                return ExitCodes.InvalidInput;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (System.Text.Json.JsonException ex)
            {
                await context.Error.WriteLineAsync($"error: the server sent an answer this CLI cannot read ({ex.Message}); is --server an EasyTask scheduler of the same version?");
                return ExitCodes.ServerRefused;
            }
        });
}

/// <summary>Where a verb writes (normal output and errors), and whether times are shown in UTC.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error, bool Utc = false)
{
    /// <summary>An instant as this user asked to see it: local time with its offset, or UTC with <c>--utc</c>.</summary>
    public string Time(DateTimeOffset? instant) => CliFormat.Time(instant, Utc);
}
