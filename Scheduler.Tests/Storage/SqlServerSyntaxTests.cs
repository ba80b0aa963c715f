using System.Reflection;
using EasyTask.Contracts.Runs;
using EasyTask.Scheduler.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>
/// Parses every statement EasyTask would send to SQL Server with Microsoft's own T-SQL parser. Most test
/// machines have no SQL Server, so without this a syntax error in the production target's SQL would
/// only show on a customer's server.
/// </summary>
[TestFixture]
internal sealed class SqlServerSyntaxTests
{
    private static readonly SqlServerDialect Dialect = new();

    [Test]
    public void SchemaScripts_ParseAsTransactSql_InEveryBatch()
    {
        var scripts = SchemaScripts.Load(Dialect.ScriptFolder);

        Assert.That(scripts, Is.Not.Empty);
        foreach (var script in scripts)
        {
            var batches = Dialect.SplitBatches(script.Text);
            Assert.That(batches, Is.Not.Empty, script.Name);
            foreach (var batch in batches)
            {
                AssertParses(batch, script.Name);
            }
        }
    }

    [TestCaseSource(nameof(StoreStatements))]
    public void StoreStatement_ParsesAsTransactSql_WhenSentToSqlServer(string name, string sql) => AssertParses(sql, name);

    [Test]
    public void DialectStatements_ParseAsTransactSql()
    {
        Assert.Multiple(() =>
        {
            AssertParses(Dialect.CreateSchemaVersionTableSql, "schema_version");
            AssertParses(Dialect.MigrationLockSql!, "migration lock");
            AssertParses(CalendarStore.UpsertSql(Dialect), "calendar upsert");
            AssertParses(Dialect.InsertReturningId("run_events", ["run_id", "attempt", "at"], "id"), "insert returning id");
            AssertParses($"SELECT name FROM tasks ORDER BY name {Dialect.Page("offset", "limit")}", "paging");
        });
    }

    [Test]
    public void RunStoreQueries_ParseAsTransactSql_WithEveryFilterAndListLength()
    {
        Assert.Multiple(() =>
        {
            AssertParses(RunStore.LatestSql(Dialect), "latest run");
            AssertParses(RunStore.LatestFinishedSql(Dialect), "latest finished run");
            AssertParses(RunStore.PreviousSql(Dialect), "previous run");
            AssertParses(RunStore.UnfinishedSql(1), "unfinished runs of one task");
            AssertParses(RunStore.UnfinishedSql(1000), "unfinished runs of a chunk of tasks");
            AssertParses(RunStore.ListCommand(Dialect, new RunQuery()).Sql, "run list");
            AssertParses(RunStore.ListCommand(Dialect, new RunQuery(Statuses: [RunStatus.Failed])).Sql, "run list by one status");
            AssertParses(
                RunStore.ListCommand(Dialect, new RunQuery("Load_Orders", [RunStatus.Active, RunStatus.Terminated], DateTimeOffset.UnixEpoch, 5)).Sql,
                "run list with every filter");
        });
    }

    [Test]
    public void SplitBatches_DropsGoLinesAndKeepsTheRest_WhenScriptHasSeveralBatches()
    {
        var batches = Dialect.SplitBatches("CREATE TABLE a (id INT)\nGO\n  go  \r\nCREATE TABLE b (goal INT)\nGO\n");

        Assert.That(batches, Is.EqualTo((string[])["CREATE TABLE a (id INT)", "CREATE TABLE b (goal INT)"]));
    }

    [Test]
    public void Parse_ReportsError_WhenStatementUsesSyntaxSqlServerLacks()
    {
        // Guards the guard: LIMIT is PostgreSQL and SQLite only, so the parser must refuse it.
        Assert.That(ParseErrors("SELECT name FROM tasks ORDER BY name LIMIT 10"), Is.Not.Empty);
    }

    /// <summary>
    /// Every <c>const string …Sql</c> of the storage classes: written once, sent to all three providers. A <c>Postgres…Sql</c>
    /// is sent to PostgreSQL only, and is left out.
    /// </summary>
    private static IEnumerable<TestCaseData> StoreStatements() =>
        typeof(TaskStore).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(TaskStore).Namespace)
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(field => field.IsLiteral && field.FieldType == typeof(string) && field.Name.EndsWith("Sql", StringComparison.Ordinal)
                    && !field.Name.StartsWith("Postgres", StringComparison.Ordinal))
                .Select(field => new TestCaseData($"{type.Name}.{field.Name}", (string)field.GetRawConstantValue()!)
                    .SetName($"StoreStatement_ParsesAsTransactSql_WhenSentToSqlServer({type.Name}.{field.Name})")));

    private static void AssertParses(string sql, string what) =>
        Assert.That(ParseErrors(sql), Is.Empty, $"{what}:\n{sql}");

    private static List<string> ParseErrors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}").ToList();
    }
}
