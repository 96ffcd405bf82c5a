using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Payments;

/// <summary>Reads payments for lists and detail views: newest first, paged in the database.</summary>
public sealed class PaymentQueries(IDbContextFactory<RefundsDbContext> contexts)
{
    public Task<PagedList<Payment>> ListAsync(Actor actor, PaymentFilter filter, int page = 0, int size = PagedList<Payment>.DefaultSize,
        CancellationToken cancellationToken = default) =>
        ListAsync(actor, filter, ListOrder.NewestFirst, page, size, cancellationToken);

    /// <summary>A page of payments in the order asked for (the dashboard's date column sorts both ways).</summary>
    public async Task<PagedList<Payment>> ListAsync(Actor actor, PaymentFilter filter, ListOrder order, int page = 0, int size = PagedList<Payment>.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadPayments, "see payments");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db.Payments.AsNoTracking(), filter);
        var ordered = order == ListOrder.OldestFirst
            ? query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            : query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
        return await PagedList<Payment>.ReadAsync(ordered, page, size, cancellationToken);
    }

    /// <summary>One payment and its refunds (newest first), or null.</summary>
    public async Task<(Payment Payment, IReadOnlyList<Refund> Refunds)?> FindAsync(Actor actor, Guid paymentId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadPayments, "see payments");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null) return null;
        var refunds = actor.Can(Permission.ReadRefunds)
            ? await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken)
            : [];
        return (payment, refunds);
    }

    private static IQueryable<Payment> Filtered(IQueryable<Payment> payments, PaymentFilter filter)
    {
        if (filter.Reconciled is { } reconciled) payments = payments.Where(p => (p.ReconciledAt != null) == reconciled);
        if (!string.IsNullOrWhiteSpace(filter.Currency))
        {
            var currency = filter.Currency.Trim().ToUpperInvariant();
            payments = payments.Where(p => p.CurrencyCode == currency);
        }
        if (!string.IsNullOrWhiteSpace(filter.CustomerId)) payments = payments.Where(p => p.CustomerId == filter.CustomerId.Trim());
        if (filter.From is { } from) payments = payments.Where(p => p.CreatedAt >= from);
        if (filter.To is { } to) payments = payments.Where(p => p.CreatedAt < to);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            var lower = text.ToLowerInvariant();
            // Case-insensitive the same way on every provider: lower() on both sides.
            payments = Guid.TryParse(text, out var id)
                ? payments.Where(p => p.Id == id)
                : payments.Where(p => (p.MerchantReference != null && p.MerchantReference.ToLower().Contains(lower))
                    || (p.CustomerId != null && p.CustomerId.ToLower().Contains(lower))
                    || p.Payer.Name.ToLower().Contains(lower));
        }
        return payments;
    }
}
