using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// How the configured database provider runs one attempt of a unit of work: in a transaction, saved and
/// committed. Chosen when the database is registered (<see cref="DatabaseSetup.AddRefundsDatabase"/>), so the
/// unit of work never asks the database which provider it is.
/// </summary>
public interface IUnitOfWorkTransactions
{
    /// <summary>Runs <paramref name="work"/> and commits it; returns its result and the refund status changes it committed.</summary>
    Task<(T Result, IReadOnlyList<RefundStatusChanged> Changes)> RunAsync<T>(
        Func<RefundsDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a unit's transaction holds the database's write lock from its start to its commit, so that nothing another
    /// writer commits can come between what the unit reads and its own commit (SQLite's BEGIN IMMEDIATE).
    /// </summary>
    bool WritesAlone { get; }
}
