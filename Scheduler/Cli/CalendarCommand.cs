using System.CommandLine;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask calendar ...</c>: custom calendars of excluded days on the scheduler, and the built-in ones.</summary>
internal static class CalendarCommand
{
    public static Command Create() => new("calendar", "Insert, list, show and delete calendars of days on which tasks naming them do not run")
    {
        CalendarInsertCommand.Create(),
        CalendarListCommand.Create(),
        CalendarShowCommand.Create(),
        CalendarDeleteCommand.Create(),
    };
}
