using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Refunds.Core.Analytics;

namespace Refunds.Core.Persistence;

/// <summary>How the engine reaches its database, and how the database is brought up to date.</summary>
public static class DatabaseSetup
{
    /// <summary>Options for a SQLite database. Relative file paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static DbContextOptionsBuilder UseRefundsSqlite(this DbContextOptionsBuilder options, string connectionString, string? baseDirectory = null) =>
        // A list in a query travels as one parameter (a JSON array): the SQL stays the same whatever the
        // list's length, so EF translates it once, where a parameter per element made it translate the
        // query again on every call, refund creation's included (bench/README.md, round 5).
        options.UseSqlite(ResolveSqlite(connectionString, baseDirectory), sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>
    /// Registers <see cref="IDbContextFactory{RefundsDbContext}"/> on the chosen provider, and how units of work
    /// run their transactions there (<see cref="IUnitOfWorkTransactions"/>). For SQLite, relative file paths
    /// are resolved against <paramref name="baseDirectory"/>.
    /// </summary>
    public static IServiceCollection AddRefundsDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString,
        string? baseDirectory = null) => provider switch
        {
            // One writer per file: this process's writers queue in process and commit in groups (ADR-007, ADR-010).
            DatabaseProvider.Sqlite => services
                .AddPooledDbContextFactory<SqliteRefundsDbContext>(options => options.UseRefundsSqlite(connectionString, baseDirectory).LogLostRacesQuietly())
                .AddSingleton<IDbContextFactory<RefundsDbContext>, ProviderContexts<SqliteRefundsDbContext>>()
                .AddSingleton<IUnitOfWorkTransactions, SqliteGroupCommit>(),
            DatabaseProvider.PostgreSql => services
                .AddPooledDbContextFactory<PostgreSqlRefundsDbContext>(options => options.UseNpgsql(connectionString, RetryTransientFaults).LogLostRacesQuietly())
                .AddSingleton<IDbContextFactory<RefundsDbContext>, ProviderContexts<PostgreSqlRefundsDbContext>>()
                .AddSingleton<IUnitOfWorkTransactions, PostgreSqlTransactions>(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

    // Serialization failures, deadlocks, dropped connections and a restarting server are retried, each attempt
    // from the start (ADR-013).
    private static void RetryTransientFaults(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.ExecutionStrategy(dependencies => new PostgreSqlRetryingStrategy(dependencies));

    // A failed statement is usually a lost race (a unique key or a version taken by another instance)
    // or a dropped connection, which are retried; the failures that matter reach the caller as exceptions
    // and are logged there. At error level, EF Core's own log lines would page someone for every retry.
    private static DbContextOptionsBuilder LogLostRacesQuietly(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Information),
            (CoreEventId.SaveChangesFailed, LogLevel.Information),
            (CoreEventId.QueryIterationFailed, LogLevel.Information),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Information)));

    /// <summary>
    /// Applies every pending migration, builds the daily figures of refunds that came before them, then
    /// the connection settings the database keeps.
    /// </summary>
    public static async Task MigrateAsync(RefundsDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql()) await MigrateUnderSessionLockAsync(db, cancellationToken);
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
            await FigureRecount.BuildIfMissingAsync(db, cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    // Npgsql's migration lock is a table lock held by each migration's own transaction, so an instance
    // starting beside another could read the history between two of the other's migrations and apply
    // the second again (the cluster start failed so once there were two). A session-level advisory lock
    // held across the whole of MigrateAsync makes the later instance wait, then find nothing to do.
    private const long MigrationLockKey = 0x52_65_66_75_6E_64_73; // "Refunds"

    private static async Task MigrateUnderSessionLockAsync(RefundsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
                // Under the lock: a second instance starting finds the figures built.
                await FigureRecount.BuildIfMissingAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string ResolveSqlite(string connectionString, string? baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var isFile = builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal);
        if (isFile)
        {
            if (baseDirectory is not null && !Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        }
        // Writers queue behind each other for up to this long instead of failing with SQLITE_BUSY.
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
