using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// Runs one engine operation as one database transaction: read, check the rules, write, commit.
/// When a concurrent operation commits first (a concurrency token moved on, or a unique key was
/// taken), the work is thrown away and run again on fresh data, where the rules see the winner's
/// result. Nothing is written by an operation that fails.
/// </summary>
public sealed class UnitOfWork(IDbContextFactory<RefundsDbContext> contexts, IOptions<RefundsOptions> options, RefundStatusNotifier notifier)
    : IAsyncDisposable
{
    // SQLite has one writer per file: this process's writers queue for it in process and commit in
    // groups (ADR-007, ADR-010). Created on first use, once the provider is known.
    private readonly Lazy<SqliteGroupCommit> _sqliteWriter = new(() => new SqliteGroupCommit(contexts));
    private bool? _isSqlite;

    public async Task<T> RunAsync<T>(Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var activity = RefundsTelemetry.Activities.StartActivity("refunds.unit_of_work");
        var maxAttempts = options.Value.MaxConcurrencyRetries;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (result, changes) = await IsSqliteAsync(cancellationToken)
                    ? await _sqliteWriter.Value.RunAsync(work, cancellationToken)
                    : await RunInOwnTransactionAsync(work, cancellationToken);
                // Only committed changes are told: a losing attempt's context is thrown away with its changes.
                if (changes.Count > 0) await notifier.PublishAsync(changes);
                return result;
            }
            catch (DbUpdateException ex) when (IsLostRace(ex))
            {
                activity?.AddEvent(new System.Diagnostics.ActivityEvent("lost a race; retrying"));
                if (attempt >= maxAttempts)
                    throw new RuleViolation(ErrorCode.ConcurrentUpdate,
                        "The refund or payment was changed by another request at the same time; try again.");
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteWriter.IsValueCreated) await _sqliteWriter.Value.DisposeAsync();
    }

    /// <summary>The refund status changes a context has saved, in the order they happened.</summary>
    internal static IReadOnlyList<RefundStatusChanged> SavedChanges(RefundsDbContext db) =>
        db.ChangeTracker.Entries<Refund>().SelectMany(e => e.Entity.TakeChanges()).OrderBy(c => c.At).ToList();

    // Where writers run in parallel (PostgreSQL): row locks and the version checks keep them apart.
    private async Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunInOwnTransactionAsync<T>(
        Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // A fresh context each attempt: nothing read by a losing attempt survives into the next.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, SavedChanges(db));
    }

    private async ValueTask<bool> IsSqliteAsync(CancellationToken cancellationToken)
    {
        if (_isSqlite is { } known) return known;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (_isSqlite = db.Database.IsSqlite()).Value;
    }

    private static bool IsLostRace(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || ex.InnerException is DbException inner && IsUniqueViolation(inner);

    private static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" // PostgreSQL unique_violation
        || ex is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }; // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
}
