using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>A custom calendar as the database holds it.</summary>
internal sealed record StoredCalendar(CalendarDefinition Calendar, long Version, DateTimeOffset UpdatedAt, string Source);
