namespace EasyTask.Scheduler.Tests.Security.Fuzz;

/// <summary>
/// One generated input: a task definition (or a file of them) or a calendar, the kind of damage done to it
/// (<see cref="Class"/>), what it must get, and the names it would create if it were accepted.
/// </summary>
internal sealed record FuzzCase(int Index, bool IsCalendar, string Class, FuzzExpectation Expectation, IReadOnlyList<string> Names, byte[] Body)
{
    /// <summary>The definitions or calendars it holds (a watched-folder file may hold several).</summary>
    public int Count => Math.Max(1, Names.Count);
}
