using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Analytics;
using Refunds.Core.Approvals;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;

namespace Refunds.Core.Refunds;

/// <summary>Reads refunds for lists and detail views: newest first, paged in the database.</summary>
public sealed class RefundQueries(IDbContextFactory<RefundsDbContext> contexts, MakerCheckerPolicy makerChecker)
{
    public Task<PagedList<Refund>> ListAsync(Actor actor, RefundFilter filter, int page = 0, int size = PagedList<Refund>.DefaultSize,
        CancellationToken cancellationToken = default) =>
        ListAsync(actor, filter, ListOrder.NewestFirst, page, size, cancellationToken);

    /// <summary>A page of refunds in the order asked for.</summary>
    public async Task<PagedList<Refund>> ListAsync(Actor actor, RefundFilter filter, ListOrder order, int page = 0, int size = PagedList<Refund>.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PageAsync(db, filter, order, page, size, refunds => refunds.Include(r => r.Payment), cancellationToken);
    }

    /// <summary>A page of list rows in the order asked for (the dashboard's grid; its date column sorts both ways).</summary>
    public async Task<PagedList<RefundRow>> ListRowsAsync(Actor actor, RefundFilter filter, ListOrder order, int page = 0, int size = PagedList<RefundRow>.DefaultSize,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PageAsync(db, filter, order, page, size, refunds => refunds.Select(r => new RefundRow(r.Id, r.PaymentId, r.CreatedAt,
            new Money(r.AmountMinor, Currency.Of(r.CurrencyCode)), r.ReasonCode, r.Status, r.CreatedBy, r.CreatedByName, r.ActionedByName,
            new ApprovalProgress(r.ApprovalsRequired, r.ApprovalRole, r.Approvals.OrderBy(a => a.Number).Select(a => a.By).ToList()))),
            cancellationToken);
    }

    private async Task<PagedList<T>> PageAsync<T>(RefundsDbContext db, RefundFilter filter, ListOrder order, int page, int size,
        Func<IOrderedQueryable<Refund>, IQueryable<T>> rows, CancellationToken cancellationToken)
    {
        PagedList<T>.EnsureValid(page, size);
        var query = Filtered(db.Refunds.AsNoTracking(), filter);
        var total = await query.LongCountAsync(cancellationToken);
        // The page's ids first, then their rows: the OFFSET of a deep page then walks the entries of an
        // index holding (Status, CreatedAt, Id) or (CreatedAt, Id), not 50,000 rows with their payments.
        var pageIds = InOrder(query, order).Select(r => r.Id).Skip(page * size).Take(size);
        var items = await rows(InOrder(db.Refunds.AsNoTracking().Where(r => pageIds.Contains(r.Id)), order)).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, size, total);
    }

    private static IOrderedQueryable<Refund> InOrder(IQueryable<Refund> refunds, ListOrder order) =>
        order == ListOrder.OldestFirst
            ? refunds.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            : refunds.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

    /// <summary>
    /// How many refunds are in each status under the rest of the filter (for status chips with counts).
    /// Unfiltered, or filtered by whole UTC days only, they are read from the daily figures: a few rows a
    /// day, however many refunds there are.
    /// </summary>
    public async Task<IReadOnlyDictionary<RefundStatus, int>> CountByStatusAsync(Actor actor, RefundFilter filter, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (IsByWholeDaysOnly(filter with { Status = null }))
            return await RefundAnalytics.CountByStatusAsync(db, filter.From, filter.To, cancellationToken);
        var counts = await Filtered(db.Refunds.AsNoTracking(), filter with { Status = null })
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Status, c => c.Count);
    }

    /// <summary>
    /// How many refunds await this reviewer's approval: CREATED ones that someone else made, that they
    /// have not approved yet, of a tier whose role they hold. Zero for anyone who may not decide.
    /// </summary>
    public async Task<int> CountAwaitingDecisionByAsync(Actor reviewer, CancellationToken cancellationToken = default)
    {
        if (!makerChecker.IsReviewer(reviewer)) return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Refunds.AsNoTracking().CountAsync(makerChecker.AwaitingApprovalBy(reviewer), cancellationToken);
    }

    /// <summary>
    /// The payout queue as operators watch it: refunds approved or with the bank, and those the bank
    /// finished since <paramref name="finishedSince"/>; most recently changed first.
    /// </summary>
    public async Task<IReadOnlyList<PayoutQueueItem>> PayoutQueueAsync(Actor actor, DateTimeOffset finishedSince, int limit = 50, CancellationToken cancellationToken = default)
    {
        actor.Require(Permission.ReadRefunds, "see refunds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One query per status, each the newest few of one (Status, UpdatedAt) index range, merged here:
        // an OR over the statuses would sort every approved refund of a mass payout, or scan the finished ones.
        var queue = new List<PayoutQueueItem>();
        foreach (var (status, since) in new[]
        {
            (RefundStatus.Approved, DateTimeOffset.MinValue), (RefundStatus.PendingWithBank, DateTimeOffset.MinValue),
            (RefundStatus.AcceptedByBank, finishedSince), (RefundStatus.Failed, finishedSince),
        })
        {
            queue.AddRange(await db.Refunds.AsNoTracking()
                .Where(r => r.Status == status && r.UpdatedAt >= since)
                .OrderByDescending(r => r.UpdatedAt)
                .Take(limit)
                .Select(r => new PayoutQueueItem(r.Id, new Money(r.AmountMinor, Currency.Of(r.CurrencyCode)), r.Beneficiary.Name, r.Status,
                    r.FailureReason, r.UpdatedAt))
                .ToListAsync(cancellationToken));
        }
        return queue.OrderByDescending(r => r.UpdatedAt).Take(limit).ToList();
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

    private static bool IsByWholeDaysOnly(RefundFilter filter) =>
        filter == new RefundFilter(From: filter.From, To: filter.To)
        && (filter.From is not { } from || RefundAnalytics.IsMidnight(from))
        && (filter.To is not { } to || RefundAnalytics.IsMidnight(to));

    private IQueryable<Refund> Filtered(IQueryable<Refund> refunds, RefundFilter filter)
    {
        if (filter.AwaitingApprovalBy is { } reviewer) refunds = refunds.Where(makerChecker.AwaitingApprovalBy(reviewer));
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
