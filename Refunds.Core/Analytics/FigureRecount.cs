using Microsoft.EntityFrameworkCore;
using Refunds.Core.Persistence;

namespace Refunds.Core.Analytics;

/// <summary>
/// The daily figures counted again from the refunds and payments themselves: for the edges of a period
/// that does not start or end at midnight, to build the figures of a database that has refunds from
/// before them, and in tests, to prove that the figures kept as refunds move equal a recount.
/// </summary>
public static class FigureRecount
{
    /// <summary>Counts the refunds and payments created in [<paramref name="from"/>, <paramref name="to"/>) (all when null), of one currency or all.</summary>
    public static async Task<FigureTally> CountAsync(RefundsDbContext db, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? currencyCode = null, CancellationToken cancellationToken = default)
    {
        var tally = new FigureTally();
        var refunds = db.Refunds.AsNoTracking();
        if (from is { } refundsFrom) refunds = refunds.Where(r => r.CreatedAt >= refundsFrom);
        if (to is { } refundsTo) refunds = refunds.Where(r => r.CreatedAt < refundsTo);
        if (currencyCode is not null) refunds = refunds.Where(r => r.CurrencyCode == currencyCode);
        // Streamed: a full recount reads every refund once and keeps only the tally.
        await foreach (var r in refunds
            .Select(r => new { r.CreatedAt, r.CurrencyCode, r.AmountMinor, r.ReasonCode, r.Status, r.ActionedAt, r.UpdatedAt, r.FailureReason })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
            tally.AddRefund(r.CreatedAt, r.CurrencyCode, r.AmountMinor, r.ReasonCode, r.Status, r.ActionedAt, r.UpdatedAt, r.FailureReason);

        var payments = db.Payments.AsNoTracking();
        if (from is { } paymentsFrom) payments = payments.Where(p => p.CreatedAt >= paymentsFrom);
        if (to is { } paymentsTo) payments = payments.Where(p => p.CreatedAt < paymentsTo);
        if (currencyCode is not null) payments = payments.Where(p => p.CurrencyCode == currencyCode);
        await foreach (var p in payments.Select(p => new { p.CreatedAt, p.CurrencyCode, p.AmountMinor, p.Status })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
            tally.AddPayment(p.CreatedAt, p.CurrencyCode, p.AmountMinor, p.Status);
        return tally;
    }

    /// <summary>Replaces every daily figure by a recount, in one transaction.</summary>
    public static Task RebuildAsync(RefundsDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.DailyFigures.ExecuteDeleteAsync(ct);
            var tally = await CountAsync(db, cancellationToken: ct);
            await tally.AddToDatabaseAsync(db, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

    /// <summary>
    /// Builds the figures of a database whose refunds or payments came before them (one migrated from a
    /// version without them, or seeded directly). Run at start, after the migrations and under their lock.
    /// </summary>
    public static async Task<bool> BuildIfMissingAsync(RefundsDbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.DailyFigures.AnyAsync(cancellationToken)) return false;
        if (!await db.Refunds.AnyAsync(cancellationToken) && !await db.Payments.AnyAsync(cancellationToken)) return false;
        await RebuildAsync(db, cancellationToken);
        return true;
    }
}
