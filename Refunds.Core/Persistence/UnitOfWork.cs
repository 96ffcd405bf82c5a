using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refunds.Core.Refunds;
using Refunds.Core.Webhooks;

namespace Refunds.Core.Persistence;

/// <summary>
/// Runs one engine operation as one database transaction: read, check the rules, write, commit.
/// When a concurrent operation commits first (a concurrency token moved on, or a unique key was
/// taken), the work is thrown away and run again on fresh data, where the rules see the winner's
/// result. Nothing is written by an operation that fails. How the transaction runs is the provider's
/// (<see cref="IUnitOfWorkTransactions"/>): on SQLite in a group commit (ADR-010), on PostgreSQL on its own,
/// with faults of the server or the connection retried there (ADR-013). The changes it committed are then
/// handed to the notifier, which never keeps the caller waiting (ADR-009). The webhook events of those changes
/// are saved with them, in the same transaction (the outbox).
/// </summary>
public sealed class UnitOfWork(IUnitOfWorkTransactions transactions, IOptions<RefundsOptions> options, RefundStatusNotifier notifier,
    WebhookOutbox outbox)
{
    public async Task<T> RunAsync<T>(Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var activity = RefundsTelemetry.Activities.StartActivity("refunds.unit_of_work");
        var maxAttempts = options.Value.MaxConcurrencyRetries;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (result, changes) = await transactions.RunAsync(async (db, ct) =>
                {
                    var result = await work(db, ct);
                    await outbox.AddEventsAsync(db, transactions.WritesAlone, ct);
                    return result;
                }, cancellationToken);
                // Only committed changes are told: a losing attempt's context is thrown away with its changes.
                if (changes.Count > 0) notifier.Publish(changes);
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

    /// <summary>The refund status changes a context has saved, in the order they happened.</summary>
    internal static IReadOnlyList<RefundStatusChanged> SavedChanges(RefundsDbContext db) =>
        db.UnitRefunds().SelectMany(r => r.TakeChanges()).OrderBy(c => c.At).ToList();

    private static bool IsLostRace(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || ex.InnerException is DbException inner && IsUniqueViolation(inner);

    private static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" // PostgreSQL unique_violation
        || ex is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }; // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
}
