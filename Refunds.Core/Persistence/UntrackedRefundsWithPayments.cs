using Microsoft.EntityFrameworkCore;
using Refunds.Core.Payments;
using Refunds.Core.Refunds;

namespace Refunds.Core.Persistence;

/// <summary>
/// Refunds read without tracking with their payments, refunds of one payment sharing it (so each moves the same
/// payment, and its one UPDATE carries all of their changes), captured as read; then saved set-based (ADR-019): the
/// payments' changes (a reservation released or settled) under the versions read, then the refunds' columns, new
/// approvals and audit lines. What decisions, cancellations and the bank's status reports move.
/// </summary>
internal sealed class UntrackedRefundsWithPayments
{
    private readonly UntrackedRefunds _refunds;
    private readonly UntrackedRows<Payment> _payments;

    private UntrackedRefundsWithPayments(RefundsDbContext db, Dictionary<Guid, Refund> byId)
    {
        ById = byId;
        _refunds = new UntrackedRefunds(db, [.. byId.Values]);
        _payments = new UntrackedRows<Payment>(db, [.. byId.Values.Select(r => r.Payment).Distinct()]);
    }

    public Dictionary<Guid, Refund> ById { get; }

    /// <summary>The refunds <paramref name="query"/> selects (its shape, a split query or not, is the caller's), with their payments.</summary>
    public static async Task<UntrackedRefundsWithPayments> ReadAsync(RefundsDbContext db, IQueryable<Refund> query, CancellationToken cancellationToken) =>
        new(db, await query.AsNoTrackingWithIdentityResolution().Include(r => r.Payment).ToDictionaryAsync(r => r.Id, cancellationToken));

    public async Task SaveAsync(RefundsDbContext db, CancellationToken cancellationToken)
    {
        await SetBasedSave.SaveModifiedAsync(db, _payments, cancellationToken);
        await SetBasedSave.SaveRefundsAsync(db, _refunds, cancellationToken);
    }
}
