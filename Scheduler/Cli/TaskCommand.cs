using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask task ...</c>: working with task definitions.</summary>
internal static class TaskCommand
{
    public static Command Create() => new("task", "Validate, insert, update, list, show, explain, forecast, delete, activate, deactivate, hold and release task definitions")
    {
        TaskValidateCommand.Create(),
        TaskInsertCommand.Create(update: false),
        TaskInsertCommand.Create(update: true),
        TaskListCommand.Create(),
        TaskShowCommand.Create(),
        TaskExplainCommand.Create(),
        TaskRunCommand.Create(),
        TaskChangeCommands.Delete(),
        TaskChangeCommands.SetActive(active: true),
        TaskChangeCommands.SetActive(active: false),
        TaskChangeCommands.SetHold(onHold: true),
        TaskChangeCommands.SetHold(onHold: false),
        TaskForecastCommand.Create(),
    };
}
