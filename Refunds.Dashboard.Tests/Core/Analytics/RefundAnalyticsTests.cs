using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Analytics;
using Refunds.Core.Payments;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Analytics;

/// <summary>
/// The Overview's figures on a fixed day of refunds whose every figure is worked out by hand here, and
/// the daily figures they are read from, compared with a recount of the refunds after every kind of change.
/// </summary>
public abstract class RefundAnalyticsTests : IAsyncLifetime
{
    private const string ClosedIban = "GB82WEST12345698765432";
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly Currency Aed = Currency.Of("AED");
    private static readonly Currency Sar = Currency.Of("SAR");

    private EngineHarness _engine = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _engine = await StartAsync(provider: Provider, services: services =>
    {
        services.Configure<SimulatedBankOptions>(o =>
        {
            o.ClosedIbans = [ClosedIban];
            // The bank pays on receipt; the dispatcher's next poll records it.
            o.SettlementDelay = TimeSpan.Zero;
        });
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private RefundAnalytics Analytics => _engine.Get<RefundAnalytics>();

    private PayoutDispatcher Dispatcher => _engine.Get<PayoutDispatcher>();

    /// <summary>
    /// On 20 November: AED payments of 100 and 200 received (and 50 still pending with the bank), a SAR
    /// payment of 100. At 09:00 six AED refunds: 10 (approved after 60 s, paid out at 09:20), 20 (duplicate
    /// payment; approved after 120 s, paid out at 09:20), 30 (approved after 120 s, failed: account closed),
    /// 40 (rejected after 600 s), 7 (cancelled); at 09:10 a 5 AED refund still awaiting approval; and a 5 SAR
    /// refund awaiting approval since 09:00.
    /// </summary>
    private async Task<Scene> ADayOfRefundsAsync()
    {
        var clock = _engine.Clock;
        var p1 = await _engine.PaymentAsync(100m);
        var p2 = await _engine.PaymentAsync(200m);
        await _engine.PaymentAsync(50m, reconciled: false, status: PaymentStatus.PendingWithBank);
        var ps = await _engine.PaymentAsync(100m, "SAR");

        var paid = await RefundAsync(p1, 10m);
        var duplicate = await RefundAsync(p1, 20m, "DUPLICATED_PAYMENT");
        var failing = await RefundAsync(p2, 30m, iban: ClosedIban);
        var rejected = await RefundAsync(p2, 40m);
        var cancelled = await RefundAsync(p1, 7m);
        var sar = await RefundAsync(ps, 5m);

        clock.Advance(TimeSpan.FromSeconds(60));
        await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(paid.Id, RefundStatus.Approved)]);
        clock.Advance(TimeSpan.FromSeconds(60));
        await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(duplicate.Id, RefundStatus.Approved), new RefundDecision(failing.Id, RefundStatus.Approved)]);
        clock.Advance(TimeSpan.FromSeconds(480));
        await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(rejected.Id, RefundStatus.Rejected, "Not ours")]);
        await _engine.Refunds.CancelAsync(Maker, cancelled.Id, "Asked twice");
        var waiting = await RefundAsync(p2, 5m);

        // Sent to the bank at 09:10; the poll at 09:20 finds two paid and one failed.
        await Dispatcher.DispatchDueAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        await Dispatcher.DispatchDueAsync();
        return new Scene(paid, duplicate, failing, rejected, cancelled, waiting, sar);
    }

    private async Task<Refund> RefundAsync(Payment payment, decimal amount, string reason = "CUSTOMER_REQUEST", string? iban = null) =>
        (await _engine.Refunds.CreateAsync(Maker, [new RefundRequest(payment.Id, amount, payment.CurrencyCode, reason,
            Beneficiary: iban is null ? null : new BeneficiaryRequest("Closed Account", iban, null))]))[0];

    private sealed record Scene(Refund Paid, Refund Duplicate, Refund Failing, Refund Rejected, Refund Cancelled, Refund Waiting, Refund Sar);

    private static Money Aed_(decimal amount) => Money.FromMajor(amount, Aed);

    [Fact]
    public async Task The_overview_of_a_day_gives_every_figure_as_worked_out_by_hand()
    {
        var scene = await ADayOfRefundsAsync();

        var day = await Analytics.ReadAsync(Viewer, Day, Day.AddDays(1), Aed);

        Assert.Equal(new CountAndAmount(6, Aed_(112m)), day.Created);
        Assert.Equal(new CountAndAmount(2, Aed_(30m)), day.PaidOut);
        // 30 AED paid out of 300 AED received (the pending 50 AED is not received).
        Assert.Equal(0.1m, day.RefundRate);
        Assert.Equal(new CountAndAmount(2, Aed_(300m)), day.PaymentsReceived);
        // Approved 3 (one of them failed later) of 4 decided.
        Assert.Equal(0.75m, day.ApprovalRate);
        // Decisions after 60, 120, 120 and 600 s: the 2nd and 4th of 4 by nearest rank.
        AssertNear(TimeSpan.FromSeconds(120), day.TimeToDecision.P50);
        AssertNear(TimeSpan.FromSeconds(600), day.TimeToDecision.P90);
        AssertNear(TimeSpan.FromMinutes(20), day.TimeToPayout.P50);
        AssertNear(TimeSpan.FromMinutes(20), day.TimeToPayout.P90);
        Assert.Equal(new CountAndAmount(1, Aed_(30m)), day.Failed.Total);
        Assert.Equal([new FailureReasonTotal(SimulatedBankRail.AccountClosed, 1, Aed_(30m))], day.Failed.TopReasons);
        Assert.Equal(new CountAndAmount(1, Aed_(5m)), day.AwaitingApproval.Total);
        Assert.Equal(scene.Waiting.CreatedAt, day.AwaitingApproval.OldestCreatedAt);
        Assert.Equal(Day.AddHours(9).AddMinutes(10), day.AwaitingApproval.OldestCreatedAt);
        Assert.Equal([1, 0, 0, 0, 0, 0], day.AwaitingApproval.ByAge.Select(b => b.Total.Count));
        var daily = Assert.Single(day.Daily);
        Assert.Equal(new DateOnly(2026, 11, 20), daily.Date);
        Assert.Equal(new Dictionary<RefundStatus, long>
        {
            [RefundStatus.Created] = 1, [RefundStatus.Approved] = 0, [RefundStatus.Rejected] = 1, [RefundStatus.PendingWithBank] = 0,
            [RefundStatus.AcceptedByBank] = 2, [RefundStatus.Failed] = 1, [RefundStatus.Cancelled] = 1,
        }, daily.ByStatus.ToDictionary(s => s.Key, s => s.Value.Count));
        Assert.Equal(Aed_(30m), daily.ByStatus[RefundStatus.AcceptedByBank].Amount);
        Assert.Equal([new ReasonTotal("CUSTOMER_REQUEST", 5, Aed_(92m)), new ReasonTotal("DUPLICATED_PAYMENT", 1, Aed_(20m))], day.ByReason);
        // Both payouts took 20 minutes: the 15 minutes to 1 hour bin.
        Assert.Equal([0, 0, 0, 2, 0, 0, 0, 0, 0], day.TimeToPayoutHistogram.Select(b => b.Count));
        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)), (day.TimeToPayoutHistogram[3].From, day.TimeToPayoutHistogram[3].To));
    }

    [Fact]
    public async Task A_single_currency_counts_only_its_own_refunds_and_payments()
    {
        var scene = await ADayOfRefundsAsync();

        var sar = await Analytics.ReadAsync(Viewer, Day, Day.AddDays(1), Sar);

        Assert.Equal(new CountAndAmount(1, Money.FromMajor(5m, Sar)), sar.Created);
        Assert.Equal(new CountAndAmount(0, Money.Zero(Sar)), sar.PaidOut);
        Assert.Equal(0m, sar.RefundRate);
        Assert.Null(sar.ApprovalRate);
        Assert.Equal(new DurationPercentiles(null, null), sar.TimeToDecision);
        Assert.Equal(new CountAndAmount(1, Money.FromMajor(5m, Sar)), sar.AwaitingApproval.Total);
        Assert.Equal(scene.Sar.CreatedAt, sar.AwaitingApproval.OldestCreatedAt);
    }

    [Fact]
    public async Task Every_currency_has_its_own_overview_and_amounts_are_never_added_across_them()
    {
        await ADayOfRefundsAsync();

        var each = await Analytics.ReadEachCurrencyAsync(Viewer, Day, Day.AddDays(1));

        Assert.Equal([("AED", 6L, 11200L), ("SAR", 1L, 500L)], each.Select(o => (o.Currency.Code, o.Created.Count, o.Created.Amount.MinorUnits)));
    }

    [Fact]
    public async Task An_empty_period_has_zero_counts_no_rates_or_percentiles_and_still_the_refunds_awaiting_approval_now()
    {
        await ADayOfRefundsAsync();

        var empty = await Analytics.ReadAsync(Viewer, Day.AddDays(1), Day.AddDays(3), Aed);

        Assert.Equal(new CountAndAmount(0, Money.Zero(Aed)), empty.Created);
        Assert.Equal(new CountAndAmount(0, Money.Zero(Aed)), empty.Failed.Total);
        Assert.Empty(empty.Failed.TopReasons);
        Assert.Empty(empty.ByReason);
        Assert.Null(empty.RefundRate);
        Assert.Null(empty.ApprovalRate);
        Assert.Equal(new DurationPercentiles(null, null), empty.TimeToPayout);
        Assert.Equal([new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22)], empty.Daily.Select(d => d.Date));
        Assert.All(empty.Daily, d => Assert.All(d.ByStatus.Values, s => Assert.Equal(0, s.Count)));
        Assert.Equal(new CountAndAmount(1, Aed_(5m)), empty.AwaitingApproval.Total);
    }

    [Fact]
    public async Task A_period_starting_or_ending_inside_a_day_counts_the_refunds_created_in_it_only()
    {
        await ADayOfRefundsAsync();

        var afterNine = await Analytics.ReadAsync(Viewer, Day.AddHours(9).AddMinutes(5), Day.AddHours(12), Aed);
        var untilNine = await Analytics.ReadAsync(Viewer, Day.AddHours(-12), Day.AddHours(9).AddMinutes(5), Aed);

        Assert.Equal(new CountAndAmount(1, Aed_(5m)), afterNine.Created);
        Assert.Null(afterNine.RefundRate);
        Assert.Equal(new CountAndAmount(5, Aed_(107m)), untilNine.Created);
        Assert.Equal(new CountAndAmount(2, Aed_(30m)), untilNine.PaidOut);
        Assert.Equal(0.1m, untilNine.RefundRate);
        Assert.Equal([new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 20)], untilNine.Daily.Select(d => d.Date));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var refused = await Assert.ThrowsAsync<RuleViolation>(() => Analytics.ReadAsync(Viewer, Day, Day, Aed));

        Assert.Equal(ErrorCode.InvalidRequest, refused.Code);
    }

    [Fact]
    public async Task Someone_who_may_not_see_refunds_sees_no_analytics()
    {
        await Assert.ThrowsAsync<RuleViolation>(() => Analytics.ReadAsync(Feed, Day, Day.AddDays(1), Aed));
    }

    [Fact]
    public async Task The_daily_figures_equal_a_recount_after_creates_decisions_cancels_and_payouts()
    {
        await ADayOfRefundsAsync();

        await AssertFiguresEqualRecountAsync();
    }

    [Fact]
    public async Task Status_counts_come_from_the_daily_figures_and_equal_those_counted_from_the_refunds()
    {
        await ADayOfRefundsAsync();
        var queries = _engine.Get<RefundQueries>();
        var expected = new Dictionary<RefundStatus, int>
        {
            [RefundStatus.Created] = 2, [RefundStatus.Rejected] = 1, [RefundStatus.AcceptedByBank] = 2,
            [RefundStatus.Failed] = 1, [RefundStatus.Cancelled] = 1,
        };

        var all = await queries.CountByStatusAsync(Viewer, new RefundFilter());
        var thatDay = await queries.CountByStatusAsync(Viewer, new RefundFilter(From: Day, To: Day.AddDays(1)));
        var nextDay = await queries.CountByStatusAsync(Viewer, new RefundFilter(From: Day.AddDays(1)));
        // Filtered by more than whole days, they are counted from the refunds.
        var duplicates = await queries.CountByStatusAsync(Viewer, new RefundFilter(ReasonCode: "DUPLICATED_PAYMENT"));

        Assert.Equal(expected, all);
        Assert.Equal(expected, thatDay);
        Assert.Empty(nextDay);
        Assert.Equal(new Dictionary<RefundStatus, int> { [RefundStatus.AcceptedByBank] = 1 }, duplicates);
    }

    [Fact]
    public async Task A_unit_of_work_that_fails_after_saving_a_status_change_leaves_the_figures_as_they_were()
    {
        var payment = await _engine.PaymentAsync(100m);
        var refund = await _engine.RefundAsync(payment, 10m);
        var approve = typeof(Refund).GetMethod("RecordApproval", BindingFlags.Instance | BindingFlags.NonPublic)!;

        // As if the process died between the save (figures included) and the commit.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _engine.Get<UnitOfWork>().RunAsync<int>(async (db, ct) =>
        {
            var tracked = await db.Refunds.Include(r => r.Payment).SingleAsync(r => r.Id == refund.Id, ct);
            approve.Invoke(tracked, [Checker, _engine.Clock.GetUtcNow(), null]);
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException("crashed before the commit");
        }, default));

        Assert.Equal(RefundStatus.Created, (await _engine.RefundByIdAsync(refund.Id)).Status);
        var counts = await _engine.Get<RefundQueries>().CountByStatusAsync(Viewer, new RefundFilter());
        Assert.Equal(new Dictionary<RefundStatus, int> { [RefundStatus.Created] = 1 }, counts);
        await AssertFiguresEqualRecountAsync();
    }

    [Fact]
    public async Task The_daily_figures_equal_a_recount_after_concurrent_creates_and_decisions_from_several_engines()
    {
        var engines = new List<EngineHarness> { _engine };
        for (var i = 1; i < 4; i++) engines.Add(await StartAsync(database: _engine.Database));
        try
        {
            var payments = new List<Payment>();
            for (var i = 0; i < 4; i++) payments.Add(await _engine.PaymentAsync(100m));
            var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            {
                try
                {
                    return await engines[i % engines.Count].RefundAsync(payments[i % payments.Count], 7m);
                }
                catch (RuleViolation)
                {
                    return null;
                }
            })));
            // Two checkers race to decide each refund: one decision wins, the other is refused.
            await Task.WhenAll(created.OfType<Refund>().SelectMany((refund, i) => new[]
            {
                Task.Run(() => engines[i % engines.Count].Refunds.DecideEachAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)])),
                Task.Run(() => engines[(i + 1) % engines.Count].Refunds.DecideEachAsync(SecondChecker, [new RefundDecision(refund.Id, RefundStatus.Rejected, "No")])),
            }));

            var counts = await _engine.Get<RefundQueries>().CountByStatusAsync(Viewer, new RefundFilter());
            Assert.Equal(created.OfType<Refund>().Count(), counts.Values.Sum());
            Assert.DoesNotContain(RefundStatus.Created, counts.Keys);
            await AssertFiguresEqualRecountAsync();
        }
        finally
        {
            foreach (var engine in engines.Skip(1)) await engine.DisposeAsync();
        }
    }

    [Fact]
    public async Task Figures_missing_from_a_database_with_refunds_are_built_at_start()
    {
        await ADayOfRefundsAsync();
        await using var db = await _engine.NewContextAsync();
        var kept = await NonZeroFiguresAsync(db);
        await db.DailyFigures.ExecuteDeleteAsync();

        var built = await FigureRecount.BuildIfMissingAsync(db);

        Assert.True(built);
        Assert.Equal(kept, await NonZeroFiguresAsync(db));
        Assert.False(await FigureRecount.BuildIfMissingAsync(db));
    }

    private async Task AssertFiguresEqualRecountAsync()
    {
        await using var db = await _engine.NewContextAsync();
        var recount = (await FigureRecount.CountAsync(db)).Totals.Where(t => !t.Value.IsZero)
            .Select(t => (t.Key, t.Value)).OrderBy(t => t.Key.ToString(), StringComparer.Ordinal).ToList();
        Assert.NotEmpty(recount);
        Assert.Equal(recount, await NonZeroFiguresAsync(db));
    }

    private static async Task<List<(FigureKey Key, FigureTotal Value)>> NonZeroFiguresAsync(RefundsDbContext db) =>
        (await db.DailyFigures.AsNoTracking().ToListAsync())
            .Where(f => f.Count != 0 || f.AmountMinor != 0)
            .Select(f => (new FigureKey(f.Day, f.CurrencyCode, f.Measure, f.Key), new FigureTotal(f.Count, f.AmountMinor)))
            .OrderBy(t => t.Item1.ToString(), StringComparer.Ordinal).ToList();

    /// <summary>A percentile read from the buckets: the middle of the exact value's bucket, within the stated error.</summary>
    private static void AssertNear(TimeSpan exact, TimeSpan? read)
    {
        Assert.Equal(DurationBuckets.Middle(DurationBuckets.Of(exact)), read);
        Assert.InRange(read!.Value.TotalSeconds, exact.TotalSeconds * (1 - DurationBuckets.RelativeError), exact.TotalSeconds * (1 + DurationBuckets.RelativeError));
    }

    public sealed class OnSqlite : RefundAnalyticsTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : RefundAnalyticsTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
