using Microsoft.EntityFrameworkCore;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// On PostgreSQL every unit of work has a transaction of its own: writers run in parallel, and row locks
/// and the version checks keep them apart (ADR-001).
/// </summary>
internal sealed class PostgreSqlTransactions(IDbContextFactory<RefundsDbContext> contexts) : IUnitOfWorkTransactions
{
    public async Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunAsync<T>(
        Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // A fresh context each attempt: nothing read by a losing attempt survives into the next.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, UnitOfWork.SavedChanges(db));
    }
}
