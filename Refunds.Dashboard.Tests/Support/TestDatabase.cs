using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>
/// A fresh database of one test on either provider: a SQLite file, or a PostgreSQL database copied
/// from a migrated template (a copy takes milliseconds; migrating each would take seconds). Removed on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> PostgreSqlTemplate = new(MigratedTemplateAsync);
    private readonly Func<Task> _remove;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> remove)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _remove = remove;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A SQLite file that does not exist yet.</summary>
    public static TestDatabase Sqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"refunds-test-{Guid.NewGuid():N}.db");
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            return Task.CompletedTask;
        });
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite) return Sqlite();
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync(template: await PostgreSqlTemplate.Value);
        return new TestDatabase(provider, server.ConnectionStringFor(name), () => server.DropDatabaseAsync(name));
    }

    /// <summary>A PostgreSQL database with no tables at all, as a new server would have.</summary>
    public static async Task<TestDatabase> EmptyPostgreSqlAsync()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync();
        return new TestDatabase(DatabaseProvider.PostgreSql, server.ConnectionStringFor(name), () => server.DropDatabaseAsync(name));
    }

    public async ValueTask DisposeAsync() => await _remove();

    /// <summary>Brings the database up to date, as the app does at start (nothing to do on a copy of the template).</summary>
    public async Task MigrateAsync()
    {
        await using var services = new ServiceCollection().AddRefundsDatabase(Provider, ConnectionString).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<RefundsDbContext>>().CreateDbContextAsync();
        await DatabaseSetup.MigrateAsync(db);
    }

    private static async Task<string> MigratedTemplateAsync()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync(name: $"refunds_template_{Guid.NewGuid():N}");
        await new TestDatabase(DatabaseProvider.PostgreSql, server.ConnectionStringFor(name), () => Task.CompletedTask).MigrateAsync();
        // A template cannot be copied while anyone is connected to it.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return name;
    }
}
