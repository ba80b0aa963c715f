using System.Data.Common;
using System.Text;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>Run output over Dapper: one row per streamed batch.</summary>
internal sealed class OutputStore(IDbConnectionFactory connections) : IOutputStore
{
    private const string InsertSql =
        "INSERT INTO run_output (run_id, attempt, stream, seq, content) VALUES (@runId, @attempt, @stream, @sequence, @text)";

    private const string ReadSql =
        "SELECT content FROM run_output WHERE run_id = @runId AND attempt = @attempt AND stream = @stream ORDER BY seq";

    public async Task AppendAsync(string runId, int attempt, string stream, long sequence, string text, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { runId, attempt, stream, sequence, text }, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (connections.Dialect.IsUniqueViolation(ex))
        {
            // A redelivered batch: the first copy stands.
        }
    }

    public async Task<string> ReadAsync(string runId, int attempt, string stream, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parts = await connection.QueryAsync<string>(new CommandDefinition(ReadSql, new { runId, attempt, stream }, cancellationToken: cancellationToken));
        return parts.Aggregate(new StringBuilder(), (all, part) => all.Append(part)).ToString();
    }
}
