namespace EasyTask.Scheduler.Tests.Infrastructure;

/// <summary>Small valid definitions for tests that need one, written as an operator would.</summary>
internal static class SampleDefinitions
{
    public static string Task(long tid, string name, string extra = "") => $$"""
        {
          "tid": {{tid}},
          "name": "{{name}}",
          "task_owner": "admin",
          "cmd": "echo hello",
          "run_on_host": "localhost",
          "max_run_time": 60,
          "timezone": "America/New_York",
          "day_of_week": "1111100",
          "trigger_times": "08:30"{{extra}}
        }
        """;
}
