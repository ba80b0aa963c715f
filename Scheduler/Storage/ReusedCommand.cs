using System.Data;
using System.Data.Common;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>
/// One command per statement, made once and run for every row of a batch with new parameter values: SQLite then
/// compiles the statement once instead of once per row (Dapper makes a new command, so a new compilation, each time),
/// and PostgreSQL's automatic preparation finds it as before.
/// </summary>
internal static class ReusedCommand
{
    /// <summary>A command for <paramref name="sql"/> with <paramref name="parameters"/> declared (name and type, in order) and no values yet.</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, DbType Type)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs the command with <paramref name="values"/> in the order its parameters were declared; the rows changed.</summary>
    public static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the command with <paramref name="values"/> and reads its first row as a <see cref="RunRow"/>, or null when there is none.</summary>
    public static async Task<RunRow?> ReadRunAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        Bind(command, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var row = reader.GetRowParser<RunRow>()(reader);
        // Read to the end: SQL Server reports an error raised by the statement only once its results are consumed.
        while (await reader.ReadAsync(cancellationToken))
        {
        }

        return row;
    }

    private static void Bind(DbCommand command, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
