using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Refunds.Core.Persistence;

namespace Refunds.Dashboard.Hosting;

/// <summary>
/// Rate counters in the database's <c>rate_counters</c> table, for instances that share no Redis. Each
/// hit is one atomic upsert (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, on SQLite and
/// PostgreSQL alike) run as a unit of work, so on SQLite it queues with this process's other writers
/// and commits in their group instead of contending for the file's lock. Expired rows are deleted
/// now and then by the hit that finds it is time.
/// </summary>
internal sealed class DatabaseRateCounterStore(UnitOfWork unitOfWork, IDbContextFactory<RefundsDbContext> contexts, TimeProvider clock) : IRateCounterStore
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(5);

    // Columns as EF Core maps them (quoted: PostgreSQL folds unquoted names to lower case); times are UTC ticks (ADR-002).
    private const string Upsert = """
        INSERT INTO rate_counters ("Key", "Count", "ExpiresAt") VALUES (@key, @hits, @endsAt)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN rate_counters."ExpiresAt" <= @now THEN @hits ELSE rate_counters."Count" + @hits END,
            "ExpiresAt" = CASE WHEN rate_counters."ExpiresAt" <= @now THEN @endsAt ELSE rate_counters."ExpiresAt" END
        RETURNING "Count", "ExpiresAt"
        """;

    private long _nextCleanupTicks;

    public Task<RateCount> AddAsync(string key, long hits, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cleanUp = TakeCleanupTurn(now);
        return unitOfWork.RunAsync(async (db, ct) =>
        {
            // A counter is no money: on PostgreSQL its commit need not wait for the disk (a crash loses a few hits).
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", ct);
            if (cleanUp) await db.RateCounters.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Upsert;
            Parameter(command, "@key", key);
            Parameter(command, "@hits", hits);
            Parameter(command, "@now", now.UtcTicks);
            Parameter(command, "@endsAt", (now + window).UtcTicks);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new RateCount(reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
        }, cancellationToken);
    }

    public async Task<long> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RateCounters.AsNoTracking().Where(c => c.Key == key && c.ExpiresAt > now).Select(c => c.Count).FirstOrDefaultAsync(cancellationToken);
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync((db, ct) => db.RateCounters.Where(c => c.Key == key).ExecuteDeleteAsync(ct), cancellationToken);

    // One hit every few minutes per instance deletes what has expired; the others go on at once.
    private bool TakeCleanupTurn(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextCleanupTicks);
        return now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextCleanupTicks, (now + CleanupInterval).UtcTicks, due) == due;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
