using EasyTask.Scheduler.Tests.Infrastructure;

// In the root test namespace, not Infrastructure: NUnit runs a set-up fixture around the tests of its
// namespace and those below, and the servers must outlive every test that uses them.
namespace EasyTask.Scheduler.Tests;

/// <summary>Stops the servers the test run started, once every test is done.</summary>
[SetUpFixture]
internal sealed class TestRunTeardown
{
    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        try
        {
            await RabbitMqServer.StopAsync();
        }
        finally
        {
            await PostgresServer.StopAsync();
        }
    }
}
