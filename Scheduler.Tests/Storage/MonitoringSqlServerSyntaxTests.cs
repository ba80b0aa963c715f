using EasyTask.Scheduler.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>Monitoring's statements that are built at run time, parsed with Microsoft's T-SQL parser (the constant ones are covered by SqlServerSyntaxTests).</summary>
[TestFixture]
internal sealed class MonitoringSqlServerSyntaxTests
{
    private static readonly SqlServerDialect Dialect = new();

    [Test]
    public void MonitoringQueries_ParseAsTransactSql_WithEveryFilter()
    {
        var (failed, _) = MonitoringStore.FailedCommand(Dialect, new FailedRunQuery("billing", "host-a", DateTimeOffset.UnixEpoch, IncludeDismissed: true));
        var (unfiltered, _) = MonitoringStore.FailedCommand(Dialect, new FailedRunQuery());
        var upsert = Dialect.Upsert("failed_runs", "run_id", ["run_id", "status"], "status = @status");

        Assert.Multiple(() =>
        {
            AssertParses(failed, "failed runs, every filter");
            AssertParses(unfiltered, "failed runs, no filter");
            AssertParses(upsert, "failed run upsert");
            AssertParses(MonitoringStore.DurationsSql(Dialect), "durations");
            AssertParses(MonitoringStore.PurgeCandidatesSql(Dialect), "purge candidates");
            AssertParses(AlertStore.DeliveriesOfSql(3), "deliveries of alerts");
            AssertParses(Dialect.InsertReturningId("alerts", ["alert_key", "kind"], "id"), "alert insert");
        });
    }

    private static void AssertParses(string sql, string what)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        Assert.That(errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"), Is.Empty, $"{what}:\n{sql}");
    }
}
