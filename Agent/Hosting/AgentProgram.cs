using System.CommandLine;
using EasyTask.Agent.Benchmarks;

namespace EasyTask.Agent.Hosting;

/// <summary>
/// The <c>easytask-agent</c> command line: the daemon (default), <c>bench</c>, and <c>--help</c>. Parse errors name the
/// option and exit 2, as the scheduler's CLI does for invalid input. Settings the options do not cover are standard
/// .NET configuration (<c>--EasyTask:Agent:MaxConcurrentRuns=8</c>) or the <c>EASYTASK_*</c> environment variables.
/// </summary>
internal static class AgentProgram
{
    /// <summary>The host's own settings, given on the command line by service installers (<c>--contentRoot=DIR</c>).</summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "contentRoot", "environment", "applicationName" };

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRoot(error).Parse(args);
        var problems = parse.Errors.Select(e => e.Message).Concat(UnknownOptions(parse)).ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"error: {problem}");
            }

            await error.WriteLineAsync("Run `easytask-agent --help` for the options.");
            return AgentHost.InvalidConfiguration;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    public static RootCommand BuildRoot(TextWriter error)
    {
        var name = new Option<string?>("--name") { Description = "Name tasks use in run_on_host; the agent consumes queue agent.<name> (env EASYTASK_AGENT_NAME, default: this machine's host name)" };
        var bus = new Option<string?>("--bus") { Description = "inmemory, or amqp://user:password@host:port/vhost (amqps:// for TLS) of the RabbitMQ the scheduler uses (env EASYTASK_BUS)" };
        var root = new RootCommand(
            "easytask-agent — runs EasyTask tasks on this host and reports to the scheduler, until Ctrl+C / SIGTERM.\n" +
            "Settings: EASYTASK_BUS, EASYTASK_AGENT_NAME, EASYTASK_AGENT_LOGS (task output), EASYTASK_AGENT_JOURNAL,\n" +
            "EASYTASK_AGENT_ALLOWED_OWNERS, or any .NET configuration key such as --EasyTask:Agent:MaxConcurrentRuns=8.")
        {
            name,
            bus,
            Bench(),
        };

        // Configuration keys (--Section:Key=value) pass through to the host; UnknownOptions refuses anything else.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(async (parse, _) =>
        {
            var hostArgs = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(name) is { Length: > 0 } agentName)
            {
                hostArgs.Add($"--name={agentName}");
            }

            if (parse.GetValue(bus) is { Length: > 0 } busUrl)
            {
                hostArgs.Add($"--{AgentHost.BusVariable}={busUrl}");
            }

            return await AgentHost.RunDaemonAsync([.. hostArgs], error);
        });
        return root;
    }

    private static Command Bench()
    {
        var spawn = Count("--spawn", 1000, "Sequential process starts for the raw spawn rate");
        var runs = Count("--runs", 500, "Runs of `true` through the agent for its run rate");
        var slots = Count("--slots", 4, "Runs executing at once during the run rate");
        var capture = Count("--capture-mib", 1024, "MiB of stdout captured to a file for the capture throughput");
        var command = new Command("bench", "Measure this machine: raw spawn rate, the agent's run rate and its output capture throughput (prints figures)")
        {
            spawn,
            runs,
            slots,
            capture,
        };
        command.SetAction((parse, _) => AgentBenchmark.RunAsync(
            parse.GetValue(spawn), parse.GetValue(runs), parse.GetValue(slots), parse.GetValue(capture), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Option<int> Count(string name, int fallback, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {fallback})", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be a whole number, 1 or more");
            }
        });
        return option;
    }

    /// <summary>Tokens nobody claimed: configuration keys (<c>--EasyTask:Agent:X=Y</c>, <c>--EASYTASK_BUS=...</c>) are fine, anything else is named.</summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse)
    {
        var tokens = parse.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var key = token.TrimStart('-').Split('=', 2)[0];
            var isConfiguration = token.StartsWith("--", StringComparison.Ordinal)
                && (key.Contains(':', StringComparison.Ordinal) || key.StartsWith("EASYTASK_", StringComparison.Ordinal) || HostKeys.Contains(key));
            if (!isConfiguration)
            {
                yield return token.StartsWith('-') ? $"unknown option '{token}'" : $"unexpected argument '{token}'";
                continue;
            }

            if (!token.Contains('=', StringComparison.Ordinal))
            {
                i++; // "--Key value": the next token is its value.
            }
        }
    }
}
