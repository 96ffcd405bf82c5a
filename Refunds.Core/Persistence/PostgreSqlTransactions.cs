using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// On PostgreSQL every unit of work has a transaction of its own: writers run in parallel, and row locks
/// and the version checks keep them apart (ADR-001). Faults of the server or of the connection (a
/// serialization failure, a deadlock, a dropped connection, a restart) are retried through Npgsql's
/// execution strategy, each attempt in a fresh context and a fresh transaction, so a retry is all or
/// nothing like the first try. A COMMIT whose answer was lost is never simply run again: PostgreSQL is
/// asked whether that transaction committed, and if it did, the attempt's own result is the answer
/// (ADR-013).
/// </summary>
internal sealed class PostgreSqlTransactions(IDbContextFactory<RefundsDbContext> contexts) : IUnitOfWorkTransactions
{
    private static readonly TimeSpan BackendEndWait = TimeSpan.FromSeconds(5);

    // Read committed, in parallel: another unit may commit between this one's reads and its commit.
    public bool WritesAlone => false;

    public async Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunAsync<T>(
        Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // This context only lends the strategy; each attempt opens its own.
        await using var strategyContext = await contexts.CreateDbContextAsync(cancellationToken);
        Attempt<T>? last = null;
        return await strategyContext.Database.CreateExecutionStrategy().ExecuteAsync(
            state: work,
            operation: async (_, work, ct) =>
            {
                last = new Attempt<T>();
                return await RunAttemptAsync(last, work, ct);
            },
            verifySucceeded: async (_, _, ct) => last is { } attempt && await CommittedAsync(attempt, ct)
                ? new ExecutionResult<(T, IReadOnlyList<RefundStatusChanged>)>(true, (attempt.Result, attempt.Changes))
                : new ExecutionResult<(T, IReadOnlyList<RefundStatusChanged>)>(false, default),
            cancellationToken);
    }

    private async Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunAttemptAsync<T>(Attempt<T> attempt,
        Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // A fresh context each attempt: nothing read by a failed or losing attempt survives into the next.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A failed attempt is thrown away whole, so EF's savepoint around SaveChanges would only cost two round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        attempt.Result = await work(db, cancellationToken);
        // Which transaction is about to commit, and on which server process, so that a lost answer can be looked up.
        // Asked before the save, not after: rows every create updates (today's daily figures) are then locked for
        // the save and the commit only, not for one more round trip that every other create would wait out.
        attempt.Transaction = await db.Database
            .SqlQuery<TransactionInFlight>($"SELECT pg_current_xact_id()::text AS \"Id\", pg_backend_pid() AS \"BackendPid\"")
            .SingleAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        attempt.Changes = UnitOfWork.SavedChanges(db);
        await transaction.CommitAsync(cancellationToken);
        return (attempt.Result, attempt.Changes);
    }

    /// <summary>Whether the attempt's transaction committed, although its caller heard no answer.</summary>
    private async Task<bool> CommittedAsync<T>(Attempt<T> attempt, CancellationToken cancellationToken)
    {
        // It failed before its transaction was known, so before anything was written.
        if (attempt.Transaction is not { } transaction) return false;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var status = await StatusAsync(db, transaction, cancellationToken);
        if (status == "in progress")
        {
            // The server has not noticed yet that the connection is gone: the transaction is still open on the
            // backend that ran it (a transaction in progress means that process still lives, so its id is still
            // that process's). Ending the backend settles it either way.
            await db.Database.SqlQuery<bool>($"SELECT pg_terminate_backend({transaction.BackendPid}, {(long)BackendEndWait.TotalMilliseconds}) AS \"Value\"")
                .SingleAsync(cancellationToken);
            status = await StatusAsync(db, transaction, cancellationToken);
        }
        return status switch
        {
            "committed" => true,
            "aborted" => false,
            _ => throw new InvalidOperationException(
                $"The connection to PostgreSQL was lost while committing, and PostgreSQL cannot say whether transaction {transaction.Id} " +
                $"committed ({status ?? "no record of it"}); nothing is retried. Read the refunds concerned before trying again."),
        };
    }

    private static Task<string?> StatusAsync(RefundsDbContext db, TransactionInFlight transaction, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<string?>($"SELECT pg_xact_status({transaction.Id}::xid8) AS \"Value\"").SingleAsync(cancellationToken);

    private sealed class Attempt<T>
    {
        public T Result { get; set; } = default!;

        public IReadOnlyList<RefundStatusChanged> Changes { get; set; } = [];

        public TransactionInFlight? Transaction { get; set; }
    }

    private sealed record TransactionInFlight(string Id, int BackendPid);
}
