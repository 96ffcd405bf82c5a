using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Analytics;

/// <summary>
/// Counts added up per <see cref="FigureKey"/>: what a refund or a payment contributes to the daily
/// figures, either as it stands (a recount, <see cref="FigureRecount"/>) or as it changes (the status
/// changes a unit of work saves). Both read the same rules here, so the figures kept as refunds move
/// equal a recount of the refunds.
/// </summary>
public sealed class FigureTally
{
    // Rows per statement: 6 parameters each, well below SQLite's 32,766 and PostgreSQL's 65,535.
    private const int RowsPerStatement = 500;

    private readonly Dictionary<FigureKey, FigureTotal> _totals = [];

    // The refunds whose changes this tally holds, marked once the tally is in the database.
    private readonly List<Refund> _refunds = [];

    private readonly List<Payment> _payments = [];

    public IReadOnlyDictionary<FigureKey, FigureTotal> Totals => _totals;

    internal bool IsEmpty => _totals.Values.All(t => t.IsZero);

    internal void Add(FigureKey key, long count, long amountMinor)
    {
        var total = _totals.GetValueOrDefault(key) + new FigureTotal(count, amountMinor);
        _totals[key] = total;
    }

    internal void AddAll(FigureTally other)
    {
        foreach (var (key, total) in other._totals) Add(key, total.Count, total.AmountMinor);
    }

    /// <summary>What a refund in its current state counts for.</summary>
    internal void AddRefund(DateTimeOffset createdAt, string currencyCode, long amountMinor, string reasonCode, RefundStatus status,
        DateTimeOffset? actionedAt, DateTimeOffset updatedAt, string? failureReason)
    {
        var day = FigureKey.DayOf(createdAt);
        Add(new FigureKey(day, currencyCode, FigureMeasure.Status, WireName.Of(status)), 1, amountMinor);
        Add(new FigureKey(day, currencyCode, FigureMeasure.Reason, reasonCode), 1, amountMinor);
        // Every status but these was reached through a checker's decision (RefundStatusTransitions).
        if (status is not (RefundStatus.Created or RefundStatus.Cancelled) && actionedAt is { } decidedAt)
            AddDuration(day, currencyCode, FigureMeasure.DecisionTime, decidedAt - createdAt, amountMinor);
        // A paid-out refund is final: its last change was the bank's acceptance.
        if (status == RefundStatus.AcceptedByBank)
            AddDuration(day, currencyCode, FigureMeasure.PayoutTime, updatedAt - createdAt, amountMinor);
        if (status == RefundStatus.Failed)
            Add(new FigureKey(day, currencyCode, FigureMeasure.FailureReason, FailureKey(failureReason)), 1, amountMinor);
    }

    /// <summary>What one status change of a refund moves between the figures of its creation day.</summary>
    internal void AddChange(DateTimeOffset createdAt, string reasonCode, RefundStatusChanged change)
    {
        // An approval short of those required leaves the refund where it was.
        if (change.PreviousStatus == change.Status) return;
        var day = FigureKey.DayOf(createdAt);
        var currency = change.Amount.Currency.Code;
        var amount = change.Amount.MinorUnits;
        if (change.PreviousStatus is { } from)
            Add(new FigureKey(day, currency, FigureMeasure.Status, WireName.Of(from)), -1, -amount);
        else
            Add(new FigureKey(day, currency, FigureMeasure.Reason, reasonCode), 1, amount);
        Add(new FigureKey(day, currency, FigureMeasure.Status, WireName.Of(change.Status)), 1, amount);
        // Decided once: a refund back to APPROVED from a voided payout file was not decided again.
        if (change is { PreviousStatus: RefundStatus.Created, Status: RefundStatus.Approved or RefundStatus.Rejected })
            AddDuration(day, currency, FigureMeasure.DecisionTime, change.At - createdAt, amount);
        if (change.Status == RefundStatus.AcceptedByBank)
            AddDuration(day, currency, FigureMeasure.PayoutTime, change.At - createdAt, amount);
        if (change.Status == RefundStatus.Failed)
            Add(new FigureKey(day, currency, FigureMeasure.FailureReason, FailureKey(change.FailureReason)), 1, amount);
    }

    /// <summary>What a payment counts for: received money, once the bank accepted it.</summary>
    internal void AddPayment(DateTimeOffset createdAt, string currencyCode, long amountMinor, PaymentStatus status)
    {
        if (status != PaymentStatus.AcceptedByBank) return;
        Add(new FigureKey(FigureKey.DayOf(createdAt), currencyCode, FigureMeasure.PaymentsReceived, ""), 1, amountMinor);
    }

    private void AddDuration(DateTimeOffset day, string currency, FigureMeasure measure, TimeSpan duration, long amountMinor) =>
        Add(new FigureKey(day, currency, measure, DurationBuckets.Of(duration).ToString(CultureInfo.InvariantCulture)), 1, amountMinor);

    private static string FailureKey(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : reason;

    /// <summary>
    /// What the changes a context is about to save move: the status changes of its refunds not yet
    /// counted, and the payments just received.
    /// </summary>
    internal static FigureTally OfPendingChanges(RefundsDbContext db)
    {
        var tally = new FigureTally();
        foreach (var refund in db.UnitRefunds())
        {
            var changes = refund.ChangesNotInFigures;
            if (changes.Count == 0) continue;
            foreach (var change in changes) tally.AddChange(refund.CreatedAt, refund.ReasonCode, change);
            tally._refunds.Add(refund);
        }
        foreach (var payment in db.ChangeTracker.Entries<Payment>().Select(e => e.Entity).Where(p => p.NotInFigures))
        {
            tally.AddPayment(payment.CreatedAt, payment.CurrencyCode, payment.AmountMinor, payment.Status);
            tally._payments.Add(payment);
        }
        return tally;
    }

    /// <summary>The refunds' changes and the payments are in the database now; a later save of the same context must not count them again.</summary>
    internal void MarkCounted()
    {
        foreach (var refund in _refunds) refund.MarkChangesInFigures();
        foreach (var payment in _payments) payment.MarkInFigures();
    }

    /// <summary>
    /// Adds the tally to the figures in the database, in the caller's transaction: one upsert that adds
    /// to the stored count, so concurrent transactions on PostgreSQL never lose each other's counts (the
    /// second waits for the first's row lock, then adds to what it committed). Rows go in key order, so two
    /// transactions touching the same rows lock them in the same order.
    /// </summary>
    internal async Task AddToDatabaseAsync(RefundsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (sql, parameters) in Statements())
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    internal void AddToDatabase(RefundsDbContext db)
    {
        foreach (var (sql, parameters) in Statements())
            db.Database.ExecuteSqlRaw(sql, parameters);
    }

    private IEnumerable<(string Sql, object[] Parameters)> Statements()
    {
        var rows = _totals.Where(t => !t.Value.IsZero)
            .OrderBy(t => t.Key.Day).ThenBy(t => t.Key.CurrencyCode, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Measure).ThenBy(t => t.Key.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("""INSERT INTO daily_figures ("Day", "CurrencyCode", "Measure", "Key", "Count", "AmountMinor") VALUES """);
            var parameters = new List<object>(chunk.Length * 6);
            for (var i = 0; i < chunk.Length; i++)
            {
                var p = i * 6;
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}})");
                var (key, total) = chunk[i];
                parameters.AddRange([key.Day.UtcTicks, key.CurrencyCode, WireName.Of(key.Measure), key.Key, total.Count, total.AmountMinor]);
            }
            sql.Append("""
                 ON CONFLICT ("Day", "CurrencyCode", "Measure", "Key") DO UPDATE SET
                "Count" = daily_figures."Count" + excluded."Count", "AmountMinor" = daily_figures."AmountMinor" + excluded."AmountMinor"
                """);
            yield return (sql.ToString(), parameters.ToArray());
        }
    }
}
