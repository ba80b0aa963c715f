using System.Data.Common;
using System.Text.Json;
using Dapper;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Storage;

/// <summary>Custom calendars over Dapper; the excluded days are stored as a JSON array of <c>YYYY-MM-DD</c> strings.</summary>
internal sealed class CalendarStore(IDbConnectionFactory connections, TimeProvider time) : ICalendarStore
{
    private const string SelectColumns =
        "SELECT name AS Name, description AS Description, dates AS Dates, version AS Version, updated_at AS UpdatedAt, source AS Source FROM calendars";

    private const string FindSql = SelectColumns + " WHERE name = @name";

    private const string ListSql = SelectColumns + " ORDER BY name";

    private const string ListNamesSql = "SELECT name FROM calendars ORDER BY name";

    private const string DeleteSql = "DELETE FROM calendars WHERE name = @name";

    private static readonly string[] UpsertColumns = ["name", "description", "dates", "version", "updated_at", "source"];

    private readonly string upsertSql = UpsertSql(connections.Dialect);

    public async Task<StoredCalendar> UpsertAsync(CalendarDefinition calendar, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var parameters = new
        {
            name = calendar.Name,
            description = calendar.Description,
            dates = JsonSerializer.Serialize(calendar.Dates.Order().ToList()),
            version = 1L,
            updated_at = EpochMilliseconds.Now(time),
            source = source is { Length: > TaskStore.MaxSourceLength } ? source[..TaskStore.MaxSourceLength] : source,
        };

        await using var connection = await connections.OpenAsync(cancellationToken);

        // One transaction so the row returned is the one this call wrote, not a later writer's.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(upsertSql, parameters, transaction, cancellationToken: cancellationToken));
        var row = await FindRowAsync(connection, transaction, calendar.Name, cancellationToken)
            ?? throw new InvalidOperationException($"calendar \"{calendar.Name}\" was written but cannot be read back");
        await transaction.CommitAsync(cancellationToken);
        return ToStored(row);
    }

    public async Task<StoredCalendar?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await FindRowAsync(connection, null, name, cancellationToken);
        return row is null ? null : ToStored(row);
    }

    public async Task<IReadOnlyList<StoredCalendar>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CalendarRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return rows.Select(ToStored).ToList();
    }

    public async Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(ListNamesSql, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { name }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Insert at version 1, or replace and bump the version; <c>calendars.version</c> is the stored value.</summary>
    internal static string UpsertSql(ISqlDialect dialect) => dialect.Upsert(
        "calendars",
        "name",
        UpsertColumns,
        "description = @description, dates = @dates, version = calendars.version + 1, updated_at = @updated_at, source = @source");

    private static Task<CalendarRow?> FindRowAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CalendarRow>(new CommandDefinition(FindSql, new { name }, transaction, cancellationToken: cancellationToken));

    private static StoredCalendar ToStored(CalendarRow row)
    {
        var dates = JsonSerializer.Deserialize<List<DateOnly>>(row.Dates)
            ?? throw new InvalidDataException($"calendar \"{row.Name}\" has no dates array in the database");
        var calendar = new CalendarDefinition { Name = row.Name, Description = row.Description, Dates = dates };
        return new StoredCalendar(calendar, row.Version, EpochMilliseconds.ToInstant(row.UpdatedAt), row.Source);
    }
}
