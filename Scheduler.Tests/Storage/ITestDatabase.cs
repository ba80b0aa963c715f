using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>An empty database made for one fixture or test, removed on dispose.</summary>
internal interface ITestDatabase : IAsyncDisposable
{
    /// <summary>How the product would be told to use it (the parsed <c>EASYTASK_DB</c>).</summary>
    DatabaseOptions Options { get; }
}
