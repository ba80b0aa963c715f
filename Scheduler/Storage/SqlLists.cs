namespace EasyTask.Scheduler.Storage;

/// <summary>IN lists written as one numbered parameter per value, which every provider takes (PostgreSQL would not expand a list parameter).</summary>
internal static class SqlLists
{
    /// <summary><c>@id0, @id1, …</c> for <paramref name="count"/> values.</summary>
    public static string NumberedParameters(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"@{prefix}{i}"));
}
