namespace EasyTask.Scheduler.Tests.Security.Fuzz;

/// <summary>What a generated input must get: accepted, refused, or either (the rules allow both readings).</summary>
internal enum FuzzExpectation
{
    Accepted,
    Rejected,
    Either,
}
