using System.Text;

namespace EasyTask.Scheduler.Tests.Security.Fuzz;

/// <summary>One generated definition or calendar as JSON text (or raw bytes, for text that is not UTF-8), before it is sent alone or put into a file with others.</summary>
internal sealed record FuzzItem(string Json, string Class, FuzzExpectation Expectation, string Name, byte[]? Raw = null)
{
    public byte[] Bytes => Raw ?? Encoding.UTF8.GetBytes(Json);
}
