using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Refunds.Core;
using Refunds.Core.Access;
using Refunds.Core.Payments;
using Refunds.Core.Persistence;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Persistence;

/// <summary>
/// Refunds and payments saved set-based (<c>SetBasedSave</c>, what a payout file or a status report of thousands of
/// refunds is written with) are saved under the same version check as SaveChanges: a row changed since it was read
/// is a lost race, and the unit of work runs again on fresh data.
/// </summary>
public abstract class SetBasedSaveTests : IAsyncLifetime
{
    private static readonly Type SetBasedSave = typeof(RefundsDbContext).Assembly.GetType("Refunds.Core.Persistence.SetBasedSave")!;

    private static readonly Type UntrackedRefunds = typeof(RefundsDbContext).Assembly.GetType("Refunds.Core.Persistence.UntrackedRefunds")!;

    private static readonly Type UntrackedPayments = typeof(RefundsDbContext).Assembly.GetType("Refunds.Core.Persistence.UntrackedRows`1")!.MakeGenericType(typeof(Payment));

    private static readonly MethodInfo SaveRefunds = SetBasedSave.GetMethod("SaveRefundsAsync", BindingFlags.Static | BindingFlags.Public)!;

    private static readonly MethodInfo SavePayments = SetBasedSave.GetMethod("SaveModifiedAsync", BindingFlags.Static | BindingFlags.Public)!.MakeGenericMethod(typeof(Payment));

    private static readonly MethodInfo AddToPayoutFile = typeof(Refund).GetMethod("AddToPayoutFile", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static readonly PropertyInfo IdempotencyKey = typeof(Refund).GetProperty("IdempotencyKey")!;

    private EngineHarness _engine = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _engine = await StartAsync(o => o.MaxConcurrencyRetries = 3, provider: Provider, services: BankFileRail.Use());

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_refund_read_without_tracking_and_changed_since_is_not_overwritten_and_the_unit_of_work_runs_again()
    {
        var payment = await _engine.PaymentAsync();
        var refund = (await _engine.Refunds.DecideAsync(Checker, [new RefundDecision((await _engine.RefundAsync(payment)).Id, RefundStatus.Approved)]))[0];
        var attempts = 0;

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => _engine.Get<UnitOfWork>().RunAsync(async (db, ct) =>
        {
            attempts++;
            var read = await db.Refunds.AsNoTracking().Include(r => r.Payment).SingleAsync(r => r.Id == refund.Id, ct);
            var asRead = Activator.CreateInstance(UntrackedRefunds, [db, new List<Refund> { read }])!;
            // Someone else's change, after this unit read the refund.
            await db.Refunds.Where(r => r.Id == refund.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Version, r => r.Version + 1), ct);
            AddToPayoutFile.Invoke(read, ["RF-TEST", (Actor)Checker, _engine.Clock.GetUtcNow()]);
            await (Task)SaveRefunds.Invoke(null, [db, asRead, ct])!;
            return read;
        }, default));

        var after = await _engine.RefundByIdAsync(refund.Id);
        Assert.Equal((ErrorCode.ConcurrentUpdate, 3), (refused.Code, attempts));
        Assert.Equal(RefundStatus.Approved, after.Status);
        Assert.DoesNotContain(after.History, e => e.To == RefundStatus.PendingWithBank);
    }

    [Fact]
    public async Task A_refund_read_without_tracking_is_written_once_with_its_new_version_and_audit_entry()
    {
        var payment = await _engine.PaymentAsync();
        var refund = (await _engine.Refunds.DecideAsync(Checker, [new RefundDecision((await _engine.RefundAsync(payment)).Id, RefundStatus.Approved)]))[0];

        await _engine.Get<UnitOfWork>().RunAsync(async (db, ct) =>
        {
            var read = await db.Refunds.AsNoTracking().Include(r => r.Payment).SingleAsync(r => r.Id == refund.Id, ct);
            var asRead = Activator.CreateInstance(UntrackedRefunds, [db, new List<Refund> { read }])!;
            AddToPayoutFile.Invoke(read, ["RF-TEST", (Actor)Checker, _engine.Clock.GetUtcNow()]);
            await (Task)SaveRefunds.Invoke(null, [db, asRead, ct])!;
            return read;
        }, default);

        var after = await _engine.RefundByIdAsync(refund.Id);
        Assert.Equal((RefundStatus.PendingWithBank, refund.Version + 1), (after.Status, after.Version));
        Assert.Equal("In payout file RF-TEST", Assert.Single(after.History, e => e.To == RefundStatus.PendingWithBank).Note);
    }

    [Fact]
    public async Task A_payment_changed_since_it_was_read_is_not_overwritten_and_the_unit_of_work_runs_again()
    {
        var payment = await _engine.PaymentAsync();
        var attempts = 0;

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => _engine.Get<UnitOfWork>().RunAsync(async (db, ct) =>
        {
            attempts++;
            var read = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, ct);
            var asRead = Activator.CreateInstance(UntrackedPayments, [db, new List<Payment> { read }])!;
            // Someone else's change, after this unit read the payment.
            await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Version, p => p.Version + 1), ct);
            Refund(read, 1_000);
            await (Task)SavePayments.Invoke(null, [db, asRead, ct])!;
            return read;
        }, default));

        Assert.Equal((ErrorCode.ConcurrentUpdate, 3), (refused.Code, attempts));
        Assert.Equal(0, (await _engine.PaymentByIdAsync(payment.Id)).RefundedMinor);
    }

    [Fact]
    public async Task A_payment_saved_set_based_is_written_once_with_its_new_version()
    {
        var payment = await _engine.PaymentAsync();

        await _engine.Get<UnitOfWork>().RunAsync(async (db, ct) =>
        {
            var read = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, ct);
            var asRead = Activator.CreateInstance(UntrackedPayments, [db, new List<Payment> { read }])!;
            Refund(read, 1_000);
            await (Task)SavePayments.Invoke(null, [db, asRead, ct])!;
            return read;
        }, default);

        var after = await _engine.PaymentByIdAsync(payment.Id);
        Assert.Equal((1_000L, payment.Version + 1), (after.RefundedMinor, after.Version));
    }

    // What moving a refund to ACCEPTED_BY_BANK does to its payment's columns, set directly: the test is of the save, not of the rule.
    private static void Refund(Payment payment, long refundedMinor)
    {
        typeof(Payment).GetProperty(nameof(Payment.RefundedMinor))!.SetValue(payment, refundedMinor);
        typeof(Payment).GetProperty(nameof(Payment.Version))!.SetValue(payment, payment.Version + 1);
    }

    [Fact]
    public async Task A_refund_created_set_based_reads_back_whole_with_its_approval_audit_lines_and_the_payment_reservation()
    {
        await using var engine = await StartAsync(o => o.SelfApprovalClients = ["trusted"], provider: Provider);
        var trusted = new Actor("trusted", "Trusted", ActorKind.Integration, Permission.WriteRefunds | Permission.ApproveRefunds);
        var payment = await engine.PaymentAsync(100m);

        var created = (await engine.Refunds.CreateAsync(trusted, [new RefundRequest(payment.Id, 12.5m, "AED", "CUSTOMER_REQUEST",
            Description: "set-based", Beneficiary: new BeneficiaryRequest("Jane Roe", "GB82WEST12345698765432", "London"),
            InitialStatus: RefundStatus.Approved, IdempotencyKey: "key-1", Metadata: "{\"order\":\"A-1\"}")]))[0];

        var read = await engine.RefundByIdAsync(created.Id);
        Assert.Equal((RefundStatus.Approved, 1250L, "set-based", "{\"order\":\"A-1\"}", "key-1", created.RequestFingerprint),
            (read.Status, read.AmountMinor, read.Description, read.Metadata, read.IdempotencyKey, read.RequestFingerprint));
        Assert.Equal(new Beneficiary("Jane Roe", "GB82WEST12345698765432", "London"), read.Beneficiary);
        Assert.Equal(["trusted"], read.Approvals.Select(a => a.By));
        Assert.Equal([RefundStatus.Created, RefundStatus.Approved], read.History.OrderBy(e => e.Id).Select(e => e.To));
        Assert.Equal((1250L, payment.Version + 1), ((await engine.PaymentByIdAsync(payment.Id)).ReservedMinor, (await engine.PaymentByIdAsync(payment.Id)).Version));
    }

    [Fact]
    public async Task An_update_that_fails_part_way_through_its_rows_leaves_none_of_them_changed()
    {
        var payment = await _engine.PaymentAsync();
        var ids = new[] { (await _engine.RefundAsync(payment)).Id, (await _engine.RefundAsync(payment)).Id };

        // The same change to both refunds, so one statement: the second row breaks the unique (maker, idempotency key) after
        // the first was written. On SQLite that statement keeps the first row (OR FAIL); the failed unit of work must not.
        var refused = await Assert.ThrowsAsync<RuleViolation>(() => _engine.Get<UnitOfWork>().RunAsync(async (db, ct) =>
        {
            var read = await db.Refunds.AsNoTracking().Include(r => r.Payment).Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            var asRead = Activator.CreateInstance(UntrackedRefunds, [db, read])!;
            foreach (var refund in read) IdempotencyKey.SetValue(refund, "one-key");
            await (Task)SaveRefunds.Invoke(null, [db, asRead, ct])!;
            return read;
        }, default));

        Assert.Equal(ErrorCode.ConcurrentUpdate, refused.Code);
        foreach (var id in ids) Assert.Null((await _engine.RefundByIdAsync(id)).IdempotencyKey);
    }

    public sealed class OnSqlite : SetBasedSaveTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql : SetBasedSaveTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
