using Refunds.Core.Payouts;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// Refunds a unit of work read without tracking, as <see cref="UntrackedRows{T}"/>, with what else of each
/// <see cref="SetBasedSave"/> needs: how many audit entries and approvals it had, and its lease.
/// </summary>
internal sealed class UntrackedRefunds(RefundsDbContext db, IReadOnlyList<Refund> refunds) : UntrackedRows<Refund>(db, refunds)
{
    public IReadOnlyList<int> HistoryAsRead { get; } = refunds.Select(r => r.History.Count).ToList();

    public IReadOnlyList<int> ApprovalsAsRead { get; } = refunds.Select(r => r.Approvals.Count).ToList();

    public IReadOnlyList<PayoutLease?> LeasesAsRead { get; } = refunds.Select(r => r.PayoutLease).ToList();
}
