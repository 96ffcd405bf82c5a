using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Persistence;

namespace Refunds.Core.Refunds;

/// <summary>Reads refunds for lists and detail views: newest first, paged in the database.</summary>
public sealed class RefundQueries(IDbContextFactory<RefundsDbContext> contexts)
{
    public Task<PagedList<Refund>> ListAsync(Actor actor, RefundFilter filter, int page = 0, int size = PagedList<Refund>.DefaultSize,
        CancellationToken cancellationToken = default) =>
        ListAsync(actor, filter, ListOrder.NewestFirst, page, size, cancellationToken);

    /// <summary>A page of refunds in the order asked for (the dashboard's date column sorts both ways).</summary>
    public async Task<PagedList<Refund>> ListAsync(Actor actor, RefundFilter filter, ListOrder order, int page = 0, int size = PagedList<Refund>.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db.Refunds.AsNoTracking(), filter);
        var ordered = order == ListOrder.OldestFirst
            ? query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            : query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        return await PagedList<Refund>.ReadAsync(ordered.Include(r => r.Payment), page, size, cancellationToken);
    }

    /// <summary>How many refunds are in each status under the rest of the filter (for status chips with counts).</summary>
    public async Task<IReadOnlyDictionary<RefundStatus, int>> CountByStatusAsync(Actor actor, RefundFilter filter, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await Filtered(db.Refunds.AsNoTracking(), filter with { Status = null })
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Status, c => c.Count);
    }

    /// <summary>
    /// How many refunds await this reviewer's decision: CREATED ones that someone else made (the
    /// checker must not be the maker). Zero for anyone who may not decide.
    /// </summary>
    public async Task<int> CountAwaitingDecisionByAsync(Actor reviewer, CancellationToken cancellationToken = default)
    {
        if (!reviewer.Can(Permission.ApproveRefunds)) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Refunds.AsNoTracking()
            .CountAsync(r => r.Status == RefundStatus.Created && r.CreatedBy != reviewer.Id, cancellationToken);
    }

    /// <summary>
    /// The payout queue as operators watch it: refunds approved or with the bank, and those the bank
    /// finished since <paramref name="finishedSince"/>; most recently changed first.
    /// </summary>
    public async Task<IReadOnlyList<Refund>> PayoutQueueAsync(Actor actor, DateTimeOffset finishedSince, int limit = 50, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Refunds.AsNoTracking()
            .Where(r => r.Status == RefundStatus.Approved || r.Status == RefundStatus.PendingWithBank
                || ((r.Status == RefundStatus.AcceptedByBank || r.Status == RefundStatus.Failed) && r.UpdatedAt >= finishedSince))
            .OrderByDescending(r => r.UpdatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>One refund with its payment and its audit timeline (oldest first), or null.</summary>
    public async Task<Refund?> FindAsync(Actor actor, Guid refundId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Refunds.AsNoTracking()
            .Include(r => r.Payment)
            .Include(r => r.History.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(r => r.Id == refundId, cancellationToken);
    }

    private static IQueryable<Refund> Filtered(IQueryable<Refund> refunds, RefundFilter filter)
    {
        if (filter.Status is { } status) refunds = refunds.Where(r => r.Status == status);
        if (filter.PaymentId is { } paymentId) refunds = refunds.Where(r => r.PaymentId == paymentId);
        if (!string.IsNullOrWhiteSpace(filter.CustomerId))
        {
            var customerId = filter.CustomerId.Trim();
            refunds = refunds.Where(r => r.Payment.CustomerId == customerId);
        }
        if (filter.From is { } from) refunds = refunds.Where(r => r.CreatedAt >= from);
        if (filter.To is { } to) refunds = refunds.Where(r => r.CreatedAt < to);
        if (!string.IsNullOrWhiteSpace(filter.ReasonCode))
        {
            var reason = filter.ReasonCode.Trim().ToUpperInvariant();
            refunds = refunds.Where(r => r.ReasonCode == reason);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            var lower = text.ToLowerInvariant();
            // Case-insensitive the same way on every provider: lower() on both sides.
            refunds = Guid.TryParse(text, out var id)
                ? refunds.Where(r => r.Id == id || r.PaymentId == id)
                : refunds.Where(r => (r.ExternalReference != null && r.ExternalReference.ToLower().Contains(lower))
                    || r.Beneficiary.Name.ToLower().Contains(lower) || r.CreatedByName.ToLower().Contains(lower));
        }
        return refunds;
    }
}
