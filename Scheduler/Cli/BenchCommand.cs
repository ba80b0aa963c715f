using System.CommandLine;
using EasyTask.Scheduler.Benchmarks;
using EasyTask.Scheduler.Scheduling;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask bench scheduling</c>: measures the scheduler's figures on this machine and prints them.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var definitions = new Option<int>("--definitions") { Description = "Definitions to load and arm", DefaultValueFactory = _ => 100_000 };
        var sameSecond = new Option<int>("--same-second") { Description = "Occurrences due in the same second", DefaultValueFactory = _ => 1_000 };
        var scheduling = new Command("scheduling", "Load N definitions and arm them; then fire K occurrences due in the same second and time their runs (throwaway SQLite files)")
        {
            definitions,
            sameSecond,
        };
        scheduling.SetGuardedAction(async (parse, cli, ct) =>
        {
            var n = parse.GetValue(definitions);
            var k = parse.GetValue(sameSecond);
            if (n < 1 || k < 1)
            {
                throw new CliException("--definitions and --same-second must be 1 or more", ExitCodes.InvalidInput);
            }

            await SchedulingBenchmark.RunAsync(n, k, cli.Output, ct);
            return ExitCodes.Ok;
        });
        var forecast = new Command("forecast", $"Time the longest forecast ({ForecastRequest.MaxDays} days) of busy schedules, as the API computes it");
        forecast.SetGuardedAction(async (_, cli, _) =>
        {
            await ForecastBenchmark.RunAsync(cli.Output);
            return ExitCodes.Ok;
        });
        return new Command("bench", "Benchmarks that print this machine's figures") { scheduling, Dispatch(), Scale(), Storage(), forecast };
    }

    private static Command Dispatch()
    {
        var bus = new Option<string>("--bus") { Description = "inmemory, or amqp://user:password@host:port/vhost of a running RabbitMQ", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EASYTASK_BUS") ?? "inmemory" };
        var runs = new Option<int>("--runs") { Description = "Runs of `true` for the throughput figure", DefaultValueFactory = _ => 2_000 };
        var seconds = new Option<int>("--light-seconds") { Description = "How long the ~10 runs/s latency phase lasts", DefaultValueFactory = _ => 20 };
        var database = new Option<string?>("--database") { Description = "A database setting such as postgres:Host=...; default: a new SQLite file in a temporary folder" };
        var command = new Command("dispatch", "Raw spawn rate, end-to-end throughput and scheduled-to-start latency with a real agent over the bus") { bus, runs, seconds, database };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            await DispatchBenchmark.RunAsync(parse.GetValue(bus)!, parse.GetValue(database), Math.Max(4, parse.GetValue(runs)), Math.Max(2, parse.GetValue(seconds)), cli.Output, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Storage()
    {
        var runs = new Option<int>("--runs") { Description = "Runs to create and record", DefaultValueFactory = _ => 2_000 };
        var database = new Option<string?>("--database") { Description = "A database setting such as postgres:Host=...; default: a new SQLite file in a temporary folder" };
        var command = new Command("storage", "The database side of a run alone (create, TRIGGER, batched recording), per run; on PostgreSQL with and without automatic preparation") { runs, database };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            await StorageBenchmark.RunAsync(parse.GetValue(database), Math.Max(50, parse.GetValue(runs)), cli.Output, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Scale()
    {
        var bus = new Option<string>("--bus") { Description = "inmemory, or amqp://user:password@host:port/vhost of a running RabbitMQ", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EASYTASK_BUS") ?? "inmemory" };
        var tasks = new Option<int>("--tasks") { Description = "Tasks, spread evenly over each minute", DefaultValueFactory = _ => 10_000 };
        var seconds = new Option<int>("--seconds") { Description = "How long they run", DefaultValueFactory = _ => 180 };
        var slots = new Option<int>("--slots") { Description = "The agent's run slots (EasyTask:Agent:MaxConcurrentRuns); 167 starts a second need more than the default 4", DefaultValueFactory = _ => 16 };
        var command = new Command("scale", "N tasks spread over each minute for a while: occurrences created/started/finished, start lateness, recording lag, skips, CPU, RSS") { bus, tasks, seconds, slots };
        command.SetGuardedAction(async (parse, cli, ct) =>
        {
            var n = parse.GetValue(tasks);
            var s = parse.GetValue(seconds);
            var agentSlots = parse.GetValue(slots);
            if (n < 1 || s < 10 || agentSlots is < 1 or > 256)
            {
                throw new CliException("--tasks must be 1 or more, --seconds 10 or more and --slots 1 to 256", ExitCodes.InvalidInput);
            }

            await ScaleBenchmark.RunAsync(parse.GetValue(bus)!, n, s, agentSlots, cli.Output, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
