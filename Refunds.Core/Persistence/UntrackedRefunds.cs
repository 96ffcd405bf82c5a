using Refunds.Core.Payouts;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// Refunds a unit of work read without tracking, with what each was as read: what
/// <see cref="SetBasedSave"/> compares them with to write what they changed. Made before they change.
/// </summary>
internal sealed class UntrackedRefunds
{
    public UntrackedRefunds(RefundsDbContext db, IReadOnlyList<Refund> refunds)
    {
        // In the order of the columns SetBasedSave writes: the entity type's own properties.
        var columns = db.Model.FindEntityType(typeof(Refund))!.GetProperties().ToList();
        Refunds = refunds;
        AsRead = refunds.Select(r => new RefundAsRead(columns.Select(c => c.GetGetter().GetClrValue(r)).ToArray(),
            r.History.Count, r.Approvals.Count, r.Beneficiary, r.PayoutLease)).ToList();
    }

    public IReadOnlyList<Refund> Refunds { get; }

    public IReadOnlyList<RefundAsRead> AsRead { get; }

    /// <summary>One refund as read: its columns' values, how many audit entries and approvals it had, its beneficiary and lease.</summary>
    public sealed record RefundAsRead(object?[] Values, int History, int Approvals, Beneficiary Beneficiary, PayoutLease? Lease);
}
