using System.Globalization;
using EasyTask.Contracts.Definitions;
using EasyTask.Scheduler.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EasyTask.Scheduler.Tests.Storage;

/// <summary>
/// The SQL Server schema scripts, read as SQL Server reads them (every CREATE TABLE and ALTER COLUMN, in version
/// order), give each column holding a definition field the size <see cref="FieldLimits"/> sets: a value the validator
/// accepts always fits. (SQLite and PostgreSQL are checked by storing the longest values: see the store contracts.)
/// </summary>
[TestFixture]
internal sealed class ColumnLimitsTests
{
    private static readonly Lazy<Dictionary<(string Table, string Column), int>> SqlServerColumns = new(ReadSqlServerColumns);

    [TestCase("tasks", "name", FieldLimits.Name)]
    [TestCase("tasks", "run_on_host", FieldLimits.RunOnHost)]
    [TestCase("tasks", "group_name", FieldLimits.Group)]
    [TestCase("calendars", "name", FieldLimits.Name)]
    [TestCase("runs", "task_name", FieldLimits.Name)]
    [TestCase("runs", "host", FieldLimits.RunOnHost)]
    [TestCase("run_attempts", "host", FieldLimits.RunOnHost)]
    [TestCase("agents", "name", FieldLimits.RunOnHost)]
    public void SqlServerColumn_HoldsExactlyTheFieldLimit(string table, string column, int limit) =>
        Assert.That(SqlServerColumns.Value.GetValueOrDefault((table, column), -1), Is.EqualTo(limit), $"{table}.{column}");

    /// <summary>The instance column was made wide before the validator settled on 64: wider is safe, narrower would not be.</summary>
    [Test]
    public void SqlServerInstanceColumn_HoldsAtLeastTheFieldLimit() =>
        Assert.That(SqlServerColumns.Value.GetValueOrDefault(("tasks", "instance"), -1), Is.GreaterThanOrEqualTo(FieldLimits.Instance));

    /// <summary>Free text lives in unbounded columns (-1 here stands for MAX), so only the validator and the schema limit it.</summary>
    [TestCase("tasks", "definition")]
    [TestCase("calendars", "description")]
    [TestCase("calendars", "dates")]
    public void SqlServerTextColumn_IsUnbounded(string table, string column) =>
        Assert.That(SqlServerColumns.Value.GetValueOrDefault((table, column), 0), Is.EqualTo(int.MaxValue), $"{table}.{column} must be NVARCHAR(MAX)");

    private static Dictionary<(string Table, string Column), int> ReadSqlServerColumns()
    {
        var dialect = new SqlServerDialect();
        var columns = new Dictionary<(string, string), int>();
        foreach (var script in SchemaScripts.Load(dialect.ScriptFolder))
        {
            foreach (var batch in dialect.SplitBatches(script.Text))
            {
                var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(batch), out var errors);
                Assert.That(errors, Is.Empty, script.Name);
                fragment.Accept(new ColumnReader(columns));
            }
        }

        return columns;
    }

    /// <summary>Records the declared length of each character column; later scripts (ALTER COLUMN) override earlier ones.</summary>
    private sealed class ColumnReader(Dictionary<(string, string), int> columns) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                Record(node.SchemaObjectName.BaseIdentifier.Value, column.ColumnIdentifier.Value, column.DataType);
            }
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                Record(node.SchemaObjectName.BaseIdentifier.Value, column.ColumnIdentifier.Value, column.DataType);
            }
        }

        public override void Visit(AlterTableAlterColumnStatement node) =>
            Record(node.SchemaObjectName.BaseIdentifier.Value, node.ColumnIdentifier.Value, node.DataType);

        private void Record(string table, string column, DataTypeReference? type)
        {
            if (type is SqlDataTypeReference { Parameters.Count: > 0 } sized && sized.SqlDataTypeOption is SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar
                or SqlDataTypeOption.NChar or SqlDataTypeOption.Char)
            {
                var length = sized.Parameters[0];
                columns[(table.ToLowerInvariant(), column.ToLowerInvariant())] = length is MaxLiteral
                    ? int.MaxValue
                    : int.Parse(length.Value, CultureInfo.InvariantCulture);
            }
        }
    }
}
