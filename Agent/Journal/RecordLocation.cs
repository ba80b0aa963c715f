namespace EasyTask.Agent.Journal;

/// <summary>Where a delivered entry's record sits (segment number, byte offset, length) and when it was delivered, in UTC ticks.</summary>
internal readonly record struct RecordLocation(int Segment, int Length, long Offset, long DeliveredTicks);
