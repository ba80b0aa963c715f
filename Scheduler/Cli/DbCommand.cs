using System.CommandLine;
using EasyTask.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Cli;

/// <summary><c>easytask db migrate</c>: applies the numbered schema scripts the database has not seen yet.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db")
        {
            Description = "Database: sqlite:<path> | postgres:<connection string> | sqlserver:<connection string> (env EASYTASK_DB, default sqlite:./data/easytask.db)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EASYTASK_DB"),
        };
        var migrate = new Command("migrate", "Apply pending schema scripts (safe to run again: applied scripts are skipped)") { db };
        migrate.SetGuardedAction(async (parse, cli, ct) =>
        {
            DatabaseOptions options;
            try
            {
                options = DatabaseOptions.Parse(parse.GetValue(db));
            }
            catch (FormatException ex)
            {
                throw new CliException(ex.Message, ExitCodes.InvalidInput);
            }

            await using var services = new ServiceCollection().AddLogging().AddStorage(options).BuildServiceProvider();
            var applied = await services.GetRequiredService<SchemaMigrator>().MigrateAsync(ct);
            await cli.Output.WriteLineAsync(applied.Count == 0
                ? $"Database {options.Describe()} is up to date"
                : $"Database {options.Describe()}: applied {string.Join(", ", applied)}");
            return ExitCodes.Ok;
        });
        return new Command("db", "Database maintenance") { migrate };
    }
}
