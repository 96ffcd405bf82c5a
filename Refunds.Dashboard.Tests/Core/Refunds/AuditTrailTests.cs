using Refunds.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Refunds.Core.Refunds;
using Refunds.Dashboard.Tests.Support;
using static Refunds.Dashboard.Tests.Support.EngineHarness;

namespace Refunds.Dashboard.Tests.Core.Refunds;

public abstract class AuditTrailTests : EngineTest
{
    [Fact]
    public async Task Creation_and_decision_are_recorded_with_who_when_from_to_and_note()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        var createdAt = Engine.Clock.GetUtcNow();
        Engine.Clock.Advance(TimeSpan.FromMinutes(5));

        await Engine.Refunds.DecideAsync(Checker, [new RefundDecision(refund.Id, RefundStatus.Rejected, "Paid by chargeback")]);

        var history = (await Engine.RefundByIdAsync(refund.Id)).History.OrderBy(e => e.Id).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal((Maker.Id, Maker.DisplayName, (RefundStatus?)null, RefundStatus.Created, createdAt),
            (history[0].ActorId, history[0].ActorName, history[0].From, history[0].To, history[0].At));
        Assert.Equal((Checker.Id, (RefundStatus?)RefundStatus.Created, RefundStatus.Rejected, "Paid by chargeback", createdAt.AddMinutes(5)),
            (history[1].ActorId, history[1].From, history[1].To, history[1].Note, history[1].At));
    }

    [Fact]
    public async Task A_refund_created_approved_records_both_steps()
    {
        await using var engine = await StartEngineAsync(o => o.SelfApprovalClients = ["trusted"]);
        var trusted = new global::Refunds.Core.Access.Actor("trusted", "Trusted", global::Refunds.Core.Access.ActorKind.Integration,
            global::Refunds.Core.Access.Permission.WriteRefunds | global::Refunds.Core.Access.Permission.ApproveRefunds);
        var payment = await engine.PaymentAsync();

        var refund = (await engine.Refunds.CreateAsync(trusted, [new RefundRequest(payment.Id, 1m, "AED", "CUSTOMER_REQUEST", InitialStatus: RefundStatus.Approved)]))[0];

        Assert.Equal([RefundStatus.Created, RefundStatus.Approved], (await engine.RefundByIdAsync(refund.Id)).History.OrderBy(e => e.Id).Select(e => e.To));
    }

    [Fact]
    public async Task Audit_entries_cannot_be_edited_or_deleted()
    {
        var refund = await Engine.RefundAsync(await Engine.PaymentAsync());
        await using var db = await Engine.NewContextAsync();
        var entry = await db.AuditEntries.FirstAsync(e => e.RefundId == refund.Id);

        db.AuditEntries.Remove(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal(1, await (await Engine.NewContextAsync()).AuditEntries.CountAsync(e => e.RefundId == refund.Id));
    }

    public sealed class OnSqlite : AuditTrailTests;

    public sealed class OnPostgreSql : AuditTrailTests
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}
