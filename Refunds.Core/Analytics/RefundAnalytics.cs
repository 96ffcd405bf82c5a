using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Access;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;

namespace Refunds.Core.Analytics;

/// <summary>
/// The Overview's figures, read from the daily figures (a few rows a day, however many refunds) and,
/// for the part of a period that does not start or end at midnight, counted from the refunds created in it.
/// </summary>
public sealed class RefundAnalytics(IDbContextFactory<RefundsDbContext> contexts, TimeProvider clock)
{
    /// <summary>The longest period asked about at once: two years of days.</summary>
    public const int MaxPeriodDays = 731;

    private const int TopFailureReasons = 5;

    private static readonly RefundStatus[] Approved =
        [RefundStatus.Approved, RefundStatus.PendingWithBank, RefundStatus.AcceptedByBank, RefundStatus.Failed];

    private static readonly (int MinDays, int? MaxDays)[] AgeBins = [(0, 0), (1, 1), (2, 3), (4, 7), (8, 30), (31, null)];

    private static readonly TimeSpan[] PayoutBinEdges =
    [
        TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
        TimeSpan.FromHours(4), TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7),
    ];

    /// <summary>The overview of one currency's refunds created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<RefundOverview> ReadAsync(Actor actor, DateTimeOffset from, DateTimeOffset to, Currency currency,
        CancellationToken cancellationToken = default) =>
        (await ReadAsync(actor, from, to, currency, cancellationToken, everyCurrency: false)).Single();

    /// <summary>The overview of each currency with refunds or payments in the period, or with refunds awaiting approval now.</summary>
    public Task<IReadOnlyList<RefundOverview>> ReadEachCurrencyAsync(Actor actor, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default) =>
        ReadAsync(actor, from, to, null, cancellationToken, everyCurrency: true);

    private async Task<IReadOnlyList<RefundOverview>> ReadAsync(Actor actor, DateTimeOffset from, DateTimeOffset to, Currency? currency,
        CancellationToken cancellationToken, bool everyCurrency)
    {
        actor.Require(Permission.ReadRefunds, "see refund analytics");
        if (to <= from)
            throw new RuleViolation(ErrorCode.InvalidRequest, "The period's end must come after its start.");
        if (to - from > TimeSpan.FromDays(MaxPeriodDays))
            throw new RuleViolation(ErrorCode.InvalidRequest, $"A period is at most {MaxPeriodDays} days long.");
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        var code = currency?.Code;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var period = await PeriodTallyAsync(db, from, to, code, cancellationToken);
        var awaiting = await db.DailyFigures.AsNoTracking()
            .Where(f => f.Measure == FigureMeasure.Status && f.Key == CreatedKey && f.Count > 0 && (code == null || f.CurrencyCode == code))
            .Select(f => new { f.Day, f.CurrencyCode, f.Count, f.AmountMinor })
            .ToListAsync(cancellationToken);

        var currencies = everyCurrency
            ? period.Totals.Keys.Select(k => k.CurrencyCode).Concat(awaiting.Select(a => a.CurrencyCode)).Distinct().Order(StringComparer.Ordinal)
                .Select(Currency.Of).ToList()
            : [currency!];
        var today = FigureKey.DayOf(clock.GetUtcNow());
        var overviews = new List<RefundOverview>(currencies.Count);
        foreach (var c in currencies)
        {
            var figures = period.Totals.Where(t => t.Key.CurrencyCode == c.Code).ToList();
            var waiting = awaiting.Where(a => a.CurrencyCode == c.Code).ToList();
            DateTimeOffset? oldest = waiting.Count == 0
                ? null
                : await db.Refunds.AsNoTracking()
                    .Where(r => r.Status == RefundStatus.Created && r.CurrencyCode == c.Code)
                    .OrderBy(r => r.CreatedAt)
                    .Select(r => (DateTimeOffset?)r.CreatedAt)
                    .FirstOrDefaultAsync(cancellationToken);
            var byAge = AgeBins.Select(bin => new AgeBin(bin.MinDays, bin.MaxDays, Sum(c, waiting
                .Where(w => (today - w.Day).Days >= bin.MinDays && (bin.MaxDays is not { } max || (today - w.Day).Days <= max))
                .Select(w => new FigureTotal(w.Count, w.AmountMinor))))).ToList();
            overviews.Add(Overview(from, to, c, figures,
                new AwaitingApproval(Sum(c, waiting.Select(w => new FigureTotal(w.Count, w.AmountMinor))), oldest, byAge)));
        }
        return overviews;
    }

    private static readonly string CreatedKey = WireName.Of(RefundStatus.Created);

    /// <summary>
    /// The figures of the period: whole UTC days from the kept figures, a start or end inside a day
    /// counted from the refunds and payments created in that part of it. Only the statuses are needed
    /// day by day (the daily series): the other measures are added up over the period in the database,
    /// and stand under the period's first day.
    /// </summary>
    private static async Task<FigureTally> PeriodTallyAsync(RefundsDbContext db, DateTimeOffset from, DateTimeOffset to, string? currencyCode,
        CancellationToken cancellationToken)
    {
        var firstWholeDay = IsMidnight(from) ? from : FigureKey.DayOf(from).AddDays(1);
        var endOfWholeDays = FigureKey.DayOf(to);
        if (firstWholeDay >= endOfWholeDays) return await FigureRecount.CountAsync(db, from, to, currencyCode, cancellationToken);

        var tally = new FigureTally();
        var kept = db.DailyFigures.AsNoTracking()
            .Where(f => f.Day >= firstWholeDay && f.Day < endOfWholeDays && (currencyCode == null || f.CurrencyCode == currencyCode));
        var statuses = await kept.Where(f => f.Measure == FigureMeasure.Status)
            .Select(f => new { f.Day, f.CurrencyCode, f.Key, f.Count, f.AmountMinor })
            .ToListAsync(cancellationToken);
        foreach (var f in statuses) tally.Add(new FigureKey(f.Day, f.CurrencyCode, FigureMeasure.Status, f.Key), f.Count, f.AmountMinor);
        var others = await kept.Where(f => f.Measure != FigureMeasure.Status)
            .GroupBy(f => new { f.CurrencyCode, f.Measure, f.Key })
            .Select(g => new { g.Key.CurrencyCode, g.Key.Measure, g.Key.Key, Count = g.Sum(f => f.Count), AmountMinor = g.Sum(f => f.AmountMinor) })
            .ToListAsync(cancellationToken);
        foreach (var f in others) tally.Add(new FigureKey(firstWholeDay, f.CurrencyCode, f.Measure, f.Key), f.Count, f.AmountMinor);
        if (from < firstWholeDay) tally.AddAll(await FigureRecount.CountAsync(db, from, firstWholeDay, currencyCode, cancellationToken));
        if (endOfWholeDays < to) tally.AddAll(await FigureRecount.CountAsync(db, endOfWholeDays, to, currencyCode, cancellationToken));
        return tally;
    }

    private static RefundOverview Overview(DateTimeOffset from, DateTimeOffset to, Currency currency,
        IReadOnlyList<KeyValuePair<FigureKey, FigureTotal>> figures, AwaitingApproval awaiting)
    {
        var byMeasure = figures.ToLookup(f => f.Key.Measure);
        IEnumerable<KeyValuePair<FigureKey, FigureTotal>> Of(FigureMeasure measure) => byMeasure[measure];
        var statusByDay = Of(FigureMeasure.Status).ToLookup(f => (f.Key.Day, f.Key.Key), f => f.Value);
        var statusKeys = Enum.GetValues<RefundStatus>().ToDictionary(s => s, s => WireName.Of(s));

        var byStatus = statusKeys.ToDictionary(s => s.Key,
            s => Sum(currency, Of(FigureMeasure.Status).Where(f => f.Key.Key == s.Value).Select(f => f.Value)));
        var created = Sum(currency, Of(FigureMeasure.Status).Select(f => f.Value));
        var paidOut = byStatus[RefundStatus.AcceptedByBank];
        var received = Sum(currency, Of(FigureMeasure.PaymentsReceived).Select(f => f.Value));
        var approved = Approved.Sum(s => byStatus[s].Count);
        var decided = approved + byStatus[RefundStatus.Rejected].Count;

        var days = new List<DailyStatuses>();
        for (var day = FigureKey.DayOf(from); day < to; day = day.AddDays(1))
        {
            var ofDay = day;
            days.Add(new DailyStatuses(DateOnly.FromDateTime(day.UtcDateTime), statusKeys.ToDictionary(s => s.Key,
                s => Sum(currency, statusByDay[(ofDay, s.Value)]))));
        }

        var failureReasons = Of(FigureMeasure.FailureReason).GroupBy(f => f.Key.Key)
            .Select(g => new FailureReasonTotal(g.Key, g.Sum(f => f.Value.Count), new Money(g.Sum(f => f.Value.AmountMinor), currency)))
            .Where(r => r.Count > 0)
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .Take(TopFailureReasons).ToList();
        var reasons = Of(FigureMeasure.Reason).GroupBy(f => f.Key.Key)
            .Select(g => new ReasonTotal(g.Key, g.Sum(f => f.Value.Count), new Money(g.Sum(f => f.Value.AmountMinor), currency)))
            .Where(r => r.Count > 0)
            .OrderByDescending(r => r.Amount.MinorUnits).ThenBy(r => r.ReasonCode, StringComparer.Ordinal).ToList();

        var decisionBuckets = Buckets(Of(FigureMeasure.DecisionTime));
        var payoutBuckets = Buckets(Of(FigureMeasure.PayoutTime));
        return new RefundOverview(from, to, currency, created, paidOut,
            RefundRate: received.Amount.MinorUnits == 0 ? null : Ratio(paidOut.Amount.MinorUnits, received.Amount.MinorUnits),
            ApprovalRate: decided == 0 ? null : Ratio(approved, decided),
            new DurationPercentiles(DurationBuckets.Percentile(decisionBuckets, 50), DurationBuckets.Percentile(decisionBuckets, 90)),
            new DurationPercentiles(DurationBuckets.Percentile(payoutBuckets, 50), DurationBuckets.Percentile(payoutBuckets, 90)),
            new FailedRefunds(byStatus[RefundStatus.Failed], failureReasons),
            awaiting, days, reasons, Histogram(payoutBuckets), received);
    }

    private static decimal Ratio(long part, long whole) => Math.Round((decimal)part / whole, 6);

    private static Dictionary<int, long> Buckets(IEnumerable<KeyValuePair<FigureKey, FigureTotal>> figures) =>
        figures.GroupBy(f => int.Parse(f.Key.Key, CultureInfo.InvariantCulture))
            .Select(g => (Bucket: g.Key, Count: g.Sum(f => f.Value.Count)))
            .Where(b => b.Count > 0)
            .ToDictionary(b => b.Bucket, b => b.Count);

    /// <summary>Durations in bins people read (under a minute, 1–5 minutes, …); a bucket goes to the bin holding its middle.</summary>
    private static IReadOnlyList<DurationBin> Histogram(IReadOnlyDictionary<int, long> buckets) =>
        PayoutBinEdges.Select((edge, i) =>
        {
            TimeSpan? end = i + 1 < PayoutBinEdges.Length ? PayoutBinEdges[i + 1] : null;
            var count = buckets.Where(b => DurationBuckets.Middle(b.Key) >= edge && (end is not { } e || DurationBuckets.Middle(b.Key) < e)).Sum(b => b.Value);
            return new DurationBin(edge, end, count);
        }).ToList();

    private static CountAndAmount Sum(Currency currency, IEnumerable<FigureTotal> totals)
    {
        var total = totals.Aggregate(new FigureTotal(0, 0), (a, b) => a + b);
        return new CountAndAmount(total.Count, new Money(total.AmountMinor, currency));
    }

    /// <summary>
    /// How many refunds created in [<paramref name="fromDay"/>, <paramref name="toDay"/>) (any time when
    /// null; both UTC midnights) are in each status, from the daily figures.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<RefundStatus, int>> CountByStatusAsync(RefundsDbContext db, DateTimeOffset? fromDay,
        DateTimeOffset? toDay, CancellationToken cancellationToken)
    {
        var figures = db.DailyFigures.AsNoTracking().Where(f => f.Measure == FigureMeasure.Status);
        if (fromDay is { } start) figures = figures.Where(f => f.Day >= start);
        if (toDay is { } end) figures = figures.Where(f => f.Day < end);
        var counts = await figures.GroupBy(f => f.Key).Select(g => new { Status = g.Key, Count = g.Sum(f => f.Count) }).ToListAsync(cancellationToken);
        return counts.Where(c => c.Count > 0).ToDictionary(c => WireName.TryParse<RefundStatus>(c.Status, out var status)
            ? status
            : throw new InvalidOperationException($"'{c.Status}' is not a refund status."), c => checked((int)c.Count));
    }

    /// <summary>Whether an instant is a UTC midnight, where the daily figures can start or end a count.</summary>
    internal static bool IsMidnight(DateTimeOffset instant) => FigureKey.DayOf(instant) == instant;
}
