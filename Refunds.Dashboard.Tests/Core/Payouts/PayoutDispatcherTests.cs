using Refunds.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Core.Payments;
using Refunds.Core.Payouts;
using Refunds.Core.Payouts.SimulatedBank;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Payouts;

public abstract class PayoutDispatcherTests : IAsyncLifetime
{
    private const string ClosedIban = "GB82WEST12345698765432";
    private readonly FlakyRail _rail = new();
    private readonly CapturedLogs _logs = new();
    private EngineHarness _engine = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _engine = await StartAsync(provider: Provider, services: services =>
    {
        services.AddLogging(logging => logging.AddProvider(_logs));
        services.Configure<SimulatedBankOptions>(o =>
        {
            o.ClosedIbans = [ClosedIban];
            o.OpeningBalances["SAR"] = 100m;
        });
        services.Configure<PayoutOptions>(o =>
        {
            o.MaxSubmissionAttempts = 3;
            o.RetryBackoff = TimeSpan.FromSeconds(1);
            o.PollInterval = TimeSpan.FromSeconds(1);
        });
        // The simulated bank, behind a wrapper that can fail or "crash" on demand.
        services.AddSingleton<IPayoutRail>(sp => _rail.Around(sp.GetRequiredService<SimulatedBankRail>()));
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private PayoutDispatcher Dispatcher => _engine.Get<PayoutDispatcher>();

    private async Task<Refund> ApprovedAsync(decimal amount = 10m, string currency = "AED", string? iban = null)
    {
        var payment = await _engine.PaymentAsync(100m, currency);
        var request = new RefundRequest(payment.Id, amount, currency, "CUSTOMER_REQUEST",
            Beneficiary: iban is null ? null : new BeneficiaryRequest("Closed Account", iban, null));
        var refund = (await _engine.Refunds.CreateAsync(Maker, [request]))[0];
        return (await _engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Approved)]))[0];
    }

    /// <summary>Dispatch passes with the clock moved on between them, as time passes in the app.</summary>
    private async Task RunForAsync(TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= duration; elapsed += TimeSpan.FromSeconds(1))
        {
            await Dispatcher.DispatchDueAsync();
            _engine.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<List<SimulatedPayout>> LedgerAsync()
    {
        await using var db = await _engine.NewContextAsync();
        return await db.SimulatedPayouts.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task An_approved_refund_goes_to_the_bank_and_is_accepted_after_the_settlement_delay()
    {
        var refund = await ApprovedAsync(25m);

        await Dispatcher.DispatchDueAsync();
        var pending = await _engine.RefundByIdAsync(refund.Id);
        await RunForAsync(TimeSpan.FromSeconds(5));
        var settled = await _engine.RefundByIdAsync(refund.Id);

        Assert.Equal(RefundStatus.PendingWithBank, pending.Status);
        Assert.Equal(RefundStatus.AcceptedByBank, settled.Status);
        Assert.StartsWith("SIMB-", settled.BankReference);
        Assert.Equal(2500, settled.Payment.Refunded.MinorUnits);
        Assert.Equal([RefundStatus.Created, RefundStatus.Approved, RefundStatus.PendingWithBank, RefundStatus.AcceptedByBank],
            settled.History.OrderBy(e => e.Id).Select(e => e.To));
        var line = Assert.Single(await LedgerAsync());
        Assert.Equal((refund.Id.ToString(), 2500L, 1, PayoutState.Paid), (line.Reference, line.AmountMinor, line.ReceivedCount, line.State));
    }

    [Fact]
    public async Task Without_a_settlement_delay_the_bank_pays_on_receipt_and_the_next_poll_accepts_the_refund()
    {
        _engine.Get<IOptions<SimulatedBankOptions>>().Value.SettlementDelay = TimeSpan.Zero;
        var refund = await ApprovedAsync(25m);

        await Dispatcher.DispatchDueAsync();
        var line = Assert.Single(await LedgerAsync());
        await RunForAsync(TimeSpan.FromSeconds(2));

        Assert.Equal((1, PayoutState.Paid), (line.ReceivedCount, line.State));
        Assert.Equal(RefundStatus.AcceptedByBank, (await _engine.RefundByIdAsync(refund.Id)).Status);
    }

    [Fact]
    public async Task A_payout_above_the_account_balance_fails_with_insufficient_funds_and_releases_the_amount()
    {
        var refund = await ApprovedAsync(amount: 100m, currency: "SAR");
        var other = await ApprovedAsync(amount: 1m, currency: "SAR");

        await RunForAsync(TimeSpan.FromSeconds(5));

        var statuses = new[] { await _engine.RefundByIdAsync(refund.Id), await _engine.RefundByIdAsync(other.Id) };
        // The account holds 100 SAR: whichever settles first is paid, the other fails.
        var failed = Assert.Single(statuses, r => r.Status == RefundStatus.Failed);
        Assert.Single(statuses, r => r.Status == RefundStatus.AcceptedByBank);
        Assert.Equal(SimulatedBankRail.InsufficientFunds, failed.FailureReason);
        Assert.Equal(10000, failed.Payment.Refundable.MinorUnits);
    }

    [Fact]
    public async Task A_payout_to_a_closed_account_fails_with_the_banks_reason()
    {
        var refund = await ApprovedAsync(iban: ClosedIban);

        await RunForAsync(TimeSpan.FromSeconds(5));

        var failed = await _engine.RefundByIdAsync(refund.Id);
        Assert.Equal((RefundStatus.Failed, SimulatedBankRail.AccountClosed), (failed.Status, failed.FailureReason));
        Assert.Equal(SimulatedBankRail.AccountClosed, failed.History.OrderBy(e => e.Id).Last().Note);
    }

    [Fact]
    public async Task Transient_bank_errors_are_retried_with_backoff_until_the_bank_answers()
    {
        var refund = await ApprovedAsync();
        _rail.FailNextSubmissions = 2;

        await Dispatcher.DispatchDueAsync();
        var afterFirst = await _engine.RefundByIdAsync(refund.Id);
        await RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((RefundStatus.Approved, 1), (afterFirst.Status, afterFirst.PayoutAttempts));
        Assert.Equal(RefundStatus.AcceptedByBank, (await _engine.RefundByIdAsync(refund.Id)).Status);
        Assert.Equal(1, Assert.Single(await LedgerAsync()).ReceivedCount);
    }

    [Fact]
    public async Task After_the_last_attempt_a_refund_the_bank_never_received_fails_and_releases_its_amount()
    {
        var refund = await ApprovedAsync(40m);
        _rail.FailNextSubmissions = int.MaxValue;

        await RunForAsync(TimeSpan.FromSeconds(10));

        var failed = await _engine.RefundByIdAsync(refund.Id);
        Assert.Equal(RefundStatus.Failed, failed.Status);
        Assert.Contains("could not be reached after 3 attempts", failed.FailureReason);
        Assert.Equal(10000, failed.Payment.Refundable.MinorUnits);
        Assert.Empty(await LedgerAsync());
    }

    [Fact]
    public async Task A_crash_after_the_bank_accepted_but_before_recording_still_pays_once()
    {
        var refund = await ApprovedAsync();
        _rail.CrashAfterNextSubmission = true;

        await Dispatcher.DispatchDueAsync();
        var afterCrash = await _engine.RefundByIdAsync(refund.Id);
        // The crashed worker's lease runs out; the next pass picks the refund up again.
        _engine.Clock.Advance(TimeSpan.FromSeconds(31));
        await RunForAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(RefundStatus.Approved, afterCrash.Status);
        Assert.Equal(RefundStatus.AcceptedByBank, (await _engine.RefundByIdAsync(refund.Id)).Status);
        var line = Assert.Single(await LedgerAsync());
        Assert.Equal((2, PayoutState.Paid), (line.ReceivedCount, line.State));
    }

    [Fact]
    public async Task A_pass_over_many_refunds_pays_each_of_them_exactly_once()
    {
        var refunds = new List<Refund>();
        for (var i = 0; i < 25; i++) refunds.Add(await ApprovedAsync(1m));

        await RunForAsync(TimeSpan.FromSeconds(5));

        foreach (var refund in refunds) Assert.Equal(RefundStatus.AcceptedByBank, (await _engine.RefundByIdAsync(refund.Id)).Status);
        var ledger = await LedgerAsync();
        Assert.Equal(refunds.Select(r => r.Id.ToString()).Order(), ledger.Select(l => l.Reference).Order());
        Assert.All(ledger, line => Assert.Equal(1, line.ReceivedCount));
    }

    [Fact]
    public async Task A_refund_whose_bank_call_failed_unexpectedly_does_not_hold_back_the_others_in_its_pass()
    {
        var first = await ApprovedAsync();
        var others = new[] { await ApprovedAsync(), await ApprovedAsync() };
        _rail.CrashAfterNextSubmission = true;

        await Dispatcher.DispatchDueAsync();

        var statuses = new List<RefundStatus>();
        foreach (var refund in others.Prepend(first)) statuses.Add((await _engine.RefundByIdAsync(refund.Id)).Status);
        // Which refund met the crash depends on the order of the pass: one stays APPROVED, the rest moved on.
        Assert.Equal(1, statuses.Count(s => s == RefundStatus.Approved));
        Assert.Equal(2, statuses.Count(s => s == RefundStatus.PendingWithBank));
    }

    [Fact]
    public async Task A_refund_recorded_as_sent_that_the_bank_never_got_is_sent_again()
    {
        var refund = await ApprovedAsync();
        await Dispatcher.DispatchDueAsync();
        await using (var db = await _engine.NewContextAsync())
        {
            await db.SimulatedPayouts.ExecuteDeleteAsync();
        }

        await RunForAsync(TimeSpan.FromSeconds(6));

        Assert.Equal(RefundStatus.AcceptedByBank, (await _engine.RefundByIdAsync(refund.Id)).Status);
        Assert.Single(await LedgerAsync());
    }

    [Fact]
    public async Task Every_status_change_is_told_to_subscribers_after_it_is_committed()
    {
        var seen = new List<(RefundStatus?, RefundStatus)>();
        using var subscription = _engine.Get<RefundStatusNotifier>().SubscribeToLocalCommits(change =>
        {
            lock (seen) seen.Add((change.PreviousStatus, change.Status));
            return Task.CompletedTask;
        });

        await ApprovedAsync();
        await RunForAsync(TimeSpan.FromSeconds(5));
        // Subscribers are told in the background, after the commit.
        await Until(() => { lock (seen) return seen.Count >= 4; });

        Assert.Equal([(null, RefundStatus.Created), (RefundStatus.Created, RefundStatus.Approved),
            (RefundStatus.Approved, RefundStatus.PendingWithBank), (RefundStatus.PendingWithBank, RefundStatus.AcceptedByBank)], seen);
    }

    [Fact]
    public async Task Logs_name_the_beneficiary_iban_only_by_its_last_four_characters()
    {
        await ApprovedAsync();

        await Dispatcher.DispatchDueAsync();

        Assert.Contains(_logs.Lines, line => line.Contains("****3456"));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(ValidIban) || line.Contains("0331234567890123"));
    }

    [Fact]
    public async Task A_refused_engine_call_tells_subscribers_nothing()
    {
        var told = 0;
        using var subscription = _engine.Get<RefundStatusNotifier>().SubscribeToLocalCommits(_ => { Interlocked.Increment(ref told); return Task.CompletedTask; });
        var payment = await _engine.PaymentAsync(10m);

        await Assert.ThrowsAnyAsync<global::Refunds.Core.RuleViolation>(() => _engine.Refunds.CreateAsync(Maker,
            [new RefundRequest(payment.Id, 5m, "AED", "CUSTOMER_REQUEST"), new RefundRequest(payment.Id, 6m, "AED", "CUSTOMER_REQUEST")]));
        // Subscribers hear in commit order: once a later commit's change has arrived, any of the refused call's would have too.
        await _engine.RefundAsync(payment, 5m);
        await Until(() => Volatile.Read(ref told) > 0);

        Assert.Equal(1, told);
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }

    /// <summary>A rail in front of the simulated bank that fails the next submissions, or "crashes" right after one is accepted.</summary>
    private sealed class FlakyRail : IPayoutRail
    {
        private IPayoutRail _bank = null!;

        public int FailNextSubmissions { get; set; }

        public bool CrashAfterNextSubmission { get; set; }

        public IPayoutRail Around(IPayoutRail bank)
        {
            _bank = bank;
            return this;
        }

        public async Task<PayoutReceipt> SubmitAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
        {
            if (FailNextSubmissions > 0)
            {
                FailNextSubmissions--;
                throw new PayoutRailUnavailableException("connection refused");
            }
            var receipt = await _bank.SubmitAsync(instruction, cancellationToken);
            if (CrashAfterNextSubmission)
            {
                CrashAfterNextSubmission = false;
                throw new InvalidOperationException("process died before the answer was recorded");
            }
            return receipt;
        }

        public Task<PayoutOutcome> QueryAsync(string reference, CancellationToken cancellationToken) =>
            FailNextSubmissions == int.MaxValue ? throw new PayoutRailUnavailableException("connection refused") : _bank.QueryAsync(reference, cancellationToken);
    }

    public sealed class OnSqlite : PayoutDispatcherTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : PayoutDispatcherTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
