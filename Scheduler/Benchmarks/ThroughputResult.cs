namespace EasyTask.Scheduler.Benchmarks;

/// <summary>What the throughput phase measured: the success rate, how many runs succeeded and ended in how long, and the ended runs by status.</summary>
internal sealed record ThroughputResult(double Rate, int Succeeded, int Ended, TimeSpan Elapsed, string Statuses);
