using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>Definitions with every field set, so a field the store drops shows up as a difference.</summary>
internal static class SampleTasks
{
    public static TaskDefinition Invoice(long tid = 2001, string name = "Generate_Invoice") => new()
    {
        Tid = tid,
        Name = name,
        TaskOwner = "billing",
        Cmd = "echo generating invoices; sleep 5; echo \"done\"",
        RunOnHost = "billing-01",
        MaxRunTime = 600,
        Description = "Build the day's invoices — Zürich & 東京 offices",
        RetryAttempts = 2,
        Stdout = "generate_invoice.out",
        Stderr = "generate_invoice.err",
        Timezone = "America/New_York",
        Active = true,
        Calendar = "US_HOLIDAYS",
        Instance = "default",
        DayOfWeek = "1111100",
        TriggerTimes = "07:00,14:30",
        Group = "billing",
        DependsOn =
        [
            new TaskDependency { Task = "Load_Orders" },
            new TaskDependency { Task = "Close_Books", On = DependencyCondition.Done },
        ],
        Priority = 40,
        Env = new Dictionary<string, string> { ["REGION"] = "us-east", ["LANG"] = "C.UTF-8" },
        WorkingDir = "/srv/billing",
        MisfireGrace = 900,
        Concurrency = ConcurrencyPolicy.Queue,
        RetryDelay = 5,
    };

    /// <summary>A minimal definition: only what is required, defaults elsewhere.</summary>
    public static TaskDefinition Minimal(long tid, string name) => new()
    {
        Tid = tid,
        Name = name,
        Cmd = "true",
        RunOnHost = "worker-01",
        Cron = "*/5 * * * *",
    };
}
