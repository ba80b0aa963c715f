using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace EasyTask.Scheduler.Storage;

/// <summary>A whole <c>apply</c> in one transaction: calendars first (tasks may name them), then tasks, then removals.</summary>
internal sealed partial class TaskStore : IDefinitionSetStore
{
    private const string DeleteCalendarSql = "DELETE FROM calendars WHERE name = @name";

    public async Task<IReadOnlyList<StoredTask>> ApplyAsync(DefinitionChangeSet changes, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = EpochMilliseconds.Now(time);
        var kept = Truncate(source);
        var upsertCalendar = CalendarStore.UpsertSql(connections.Dialect);
        foreach (var calendar in changes.CalendarsToSave)
        {
            var dates = JsonSerializer.Serialize(calendar.Dates.Order().ToList());
            await connection.ExecuteAsync(new CommandDefinition(
                upsertCalendar, new { name = calendar.Name, description = calendar.Description, dates, version = 1L, updated_at = now, source = kept }, transaction, cancellationToken: cancellationToken));
        }

        var saved = new List<StoredTask>();
        foreach (var definition in changes.TasksToInsert)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(definition, now, source), transaction, cancellationToken: cancellationToken));
            }
            catch (DbException ex) when (connections.Dialect.IsUniqueViolation(ex))
            {
                throw new DuplicateTaskException($"task \"{definition.Name}\" (tid {definition.Tid}) clashes with a task written since the plan was made: {ex.Message}");
            }

            saved.Add(ToStored((await FindRowAsync(connection, transaction, definition.Name, cancellationToken))!));
        }

        foreach (var (definition, expected) in changes.TasksToUpdate)
        {
            var parameters = new DynamicParameters(Parameters(definition, now, source));
            parameters.Add("expected", expected);
            var updated = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, transaction, cancellationToken: cancellationToken));
            var row = await FindRowAsync(connection, transaction, definition.Name, cancellationToken);
            if (updated == 0 || row is null)
            {
                throw row is null ? new TaskNotFoundException(definition.Name) : new VersionConflictException(definition.Name, expected, row.Version);
            }

            saved.Add(ToStored(row));
        }

        foreach (var name in changes.TasksToDelete)
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { name }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var name in changes.CalendarsToDelete)
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteCalendarSql, new { name }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }
}
