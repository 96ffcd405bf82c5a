using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Refunds.Core.Persistence;

/// <summary>
/// Copies the product's data from one database to another, e.g. from the embedded SQLite file to a
/// new PostgreSQL server when a business outgrows one instance. The target is migrated, must hold no
/// data of its own, and receives everything in one transaction: a failed copy leaves it empty.
/// Through the model, so each provider's own types and conversions apply on both sides.
/// The built-in provider's sign-in sessions and issued tokens (OpenIddict's tables) are not copied:
/// they are short-lived, its client registrations are rewritten from settings at start, and its
/// signing keys (which are copied) keep issued access tokens valid.
/// </summary>
public static class DatabaseCopy
{
    private const int BatchSize = 1_000;

    /// <summary>Rows copied per table.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CopyAsync(IDbContextFactory<RefundsDbContext> source,
        IDbContextFactory<RefundsDbContext> target, CancellationToken cancellationToken = default)
    {
        await using var from = await source.CreateDbContextAsync(cancellationToken);
        if ((await from.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            throw new InvalidOperationException("The source database is missing or not on this version's schema: start this version of the app on it once, stop it, then copy.");
        await using var to = await target.CreateDbContextAsync(cancellationToken);
        await DatabaseSetup.MigrateAsync(to, cancellationToken);
        // The design-time model: the runtime one does not keep the migrations' seed data.
        var tables = InDependencyOrder(to.GetService<IDesignTimeModel>().Model);
        // Tables the migrations fill (the standard reason codes) are replaced by the source's rows.
        foreach (var table in tables.Where(t => !t.GetSeedData().Any()))
        {
            if (await CountAsync(to, table, cancellationToken) > 0)
                throw new InvalidOperationException($"The target database already holds data ({table.GetTableName()}): copy only into an empty database.");
        }

        // One transaction, run again from the start if the target's server drops the connection.
        return await to.Database.CreateExecutionStrategy().ExecuteAsync(ct => CopyInOneTransactionAsync(from, to, tables, ct), cancellationToken);
    }

    private static async Task<Dictionary<string, int>> CopyInOneTransactionAsync(RefundsDbContext from, RefundsDbContext to, List<IEntityType> tables,
        CancellationToken cancellationToken)
    {
        to.ChangeTracker.Clear();
        var copied = new Dictionary<string, int>();
        await using var transaction = await to.Database.BeginTransactionAsync(cancellationToken);
        foreach (var table in Enumerable.Reverse(tables).Where(t => t.GetSeedData().Any()))
            await ((Task<int>)Generic(nameof(DeleteAllAsync), table).Invoke(null, [to, cancellationToken])!);
        foreach (var table in tables)
        {
            var rows = 0;
            await foreach (var batch in ReadAsync(from, table, cancellationToken))
            {
                to.AddRange(batch);
                await to.SaveChangesAsync(cancellationToken);
                to.ChangeTracker.Clear();
                rows += batch.Count;
            }
            if (rows != await CountAsync(from, table, cancellationToken))
                throw new InvalidOperationException($"{table.GetTableName()} changed while it was copied: stop the app before copying.");
            copied[table.GetTableName()!] = rows;
        }
        await transaction.CommitAsync(cancellationToken);
        return copied;
    }

    /// <summary>The product's tables, every table after the tables it refers to.</summary>
    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var tables = model.GetEntityTypes()
            .Where(t => t.ClrType.Assembly == typeof(RefundsDbContext).Assembly && !t.IsOwned() && t.GetTableName() is not null)
            .ToList();
        foreach (var table in tables)
        {
            // A value only the change tracker knows (a shadow property) would be lost when read without tracking.
            if (table.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new InvalidOperationException($"{table.ClrType.Name}.{shadow.Name} is a shadow property: the copy cannot carry it.");
        }
        var ordered = new List<IEntityType>();
        void Visit(IEntityType table)
        {
            if (ordered.Contains(table)) return;
            foreach (var principal in table.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(p => p != table && tables.Contains(p))) Visit(principal);
            ordered.Add(table);
        }
        foreach (var table in tables.OrderBy(t => t.GetTableName(), StringComparer.Ordinal)) Visit(table);
        return ordered;
    }

    private static Task<int> CountAsync(RefundsDbContext db, IEntityType table, CancellationToken cancellationToken) =>
        (Task<int>)Generic(nameof(CountOfAsync), table).Invoke(null, [db, cancellationToken])!;

    private static IAsyncEnumerable<List<object>> ReadAsync(RefundsDbContext db, IEntityType table, CancellationToken cancellationToken) =>
        (IAsyncEnumerable<List<object>>)Generic(nameof(BatchesOf), table).Invoke(null, [db, cancellationToken])!;

    private static MethodInfo Generic(string name, IEntityType table) =>
        typeof(DatabaseCopy).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(table.ClrType);

    private static Task<int> CountOfAsync<T>(RefundsDbContext db, CancellationToken cancellationToken) where T : class =>
        db.Set<T>().CountAsync(cancellationToken);

    private static Task<int> DeleteAllAsync<T>(RefundsDbContext db, CancellationToken cancellationToken) where T : class =>
        db.Set<T>().ExecuteDeleteAsync(cancellationToken);

    private static async IAsyncEnumerable<List<object>> BatchesOf<T>(RefundsDbContext db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken) where T : class
    {
        // One streamed read per table: memory stays flat however large the table is.
        var batch = new List<object>(BatchSize);
        await foreach (var row in db.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count < BatchSize) continue;
            yield return batch;
            batch = new List<object>(BatchSize);
        }
        if (batch.Count > 0) yield return batch;
    }
}
